package cloud.federation.sync.filter;

import cloud.federation.sync.user.DirectoryUser;
import cloud.federation.sync.user.UserAttribute;
import cloud.federation.sync.user.UserPatch;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SourceFilterTest {

    private static final DirectoryUser ALICE = DirectoryUser.from(new UserPatch("id-alice")
            .set(UserAttribute.MAIL, "Alice@Contoso.com")
            .set(UserAttribute.DISPLAY_NAME, "Alice  Liddell")
            .set(UserAttribute.DEPARTMENT, "Sales")
            .set(UserAttribute.OFFICE_LOCATION, "Building 7")
            .set(UserAttribute.BUSINESS_PHONES, List.of("+1 (425) 555-0100"))
            .set(UserAttribute.USER_TYPE, "user")
            .set(UserAttribute.EMPLOYEE_ID, "1200"));
    private static final DirectoryUser LOBBY = DirectoryUser.from(new UserPatch("id-lobby")
            .set(UserAttribute.DISPLAY_NAME, "Lobby phone")
            .set(UserAttribute.DEPARTMENT, "Sales")
            .set(UserAttribute.USER_TYPE, "workspace"));

    private static boolean matches(String filter, DirectoryUser user) {
        return SourceFilter.parse(filter).matches(user);
    }

    @Test
    void theIssuesExampleKeepsSalesPeopleButNotWorkspaces() {
        String f = "(&(department=Sales)(!(userType=workspace)))";
        assertTrue(matches(f, ALICE));
        assertFalse(matches(f, LOBBY));
    }

    @Test
    void stringsMatchCaseInsensitivelyThroughAliases() {
        assertTrue(matches("(email=alice@contoso.COM)", ALICE));
        assertTrue(matches("(mail=ALICE@contoso.com)", ALICE));
        assertTrue(matches("(location=building 7)", ALICE));
        assertTrue(matches("(officeLocation=Building*)", ALICE));
        assertTrue(matches("(cn=alice liddell)", ALICE), "runs of spaces compare as one");
        assertTrue(matches("(uid=id-alice)", ALICE));
        assertFalse(matches("(email=bob@contoso.com)", ALICE));
    }

    @Test
    void phoneNumbersIgnorePunctuation() {
        assertTrue(matches("(phoneNumber=+14255550100)", ALICE));
        assertTrue(matches("(telephoneNumber=+1-425-555-0100)", ALICE));
        assertTrue(matches("(phoneNumber=*5550100)", ALICE));
        assertFalse(matches("(phoneNumber=+14255550199)", ALICE));
    }

    @Test
    void everyFilterForm() {
        assertTrue(matches("(|(department=Engineering)(department=Sales))", ALICE));
        assertTrue(matches("(department=*)", ALICE));
        assertFalse(matches("(mobile=*)", ALICE));
        assertTrue(matches("(id=*)", ALICE));
        assertTrue(matches("(displayName=al*li*ll)", ALICE));
        assertFalse(matches("(displayName=*bob*)", ALICE));
        assertTrue(matches("(employeeId>=999)", ALICE), "numbers compare numerically: 1200 >= 999");
        assertFalse(matches("(employeeId<=999)", ALICE));
        assertTrue(matches("(displayName~=aliceliddell)", ALICE));
        assertTrue(matches("(!(userType=guest))", ALICE));
    }

    @Test
    void emptyFilterKeepsEveryone() {
        assertTrue(SourceFilter.parse(null).matches(LOBBY));
        assertTrue(SourceFilter.parse("  ").matches(LOBBY));
    }

    @Test
    void syntaxErrorsNameWhatIsWrong() {
        InvalidFilterException e = assertThrows(InvalidFilterException.class, () -> SourceFilter.parse("(&(department=Sales)"));
        assertTrue(e.getMessage().startsWith("Invalid LDAP filter: "), e.getMessage());
        assertTrue(e.getMessage().matches(".*(position|index|offset|end of).*"), e.getMessage());
        assertThrows(InvalidFilterException.class, () -> SourceFilter.parse("department=Sales)"));
        assertThrows(InvalidFilterException.class, () -> SourceFilter.parse("(department=Sales"));
    }

    @Test
    void unknownAttributesAreRefusedByName() {
        InvalidFilterException e = assertThrows(InvalidFilterException.class,
                () -> SourceFilter.parse("(&(department=Sales)(favouriteColour=blue))"));
        assertTrue(e.getMessage().contains("unknown attribute 'favouriteColour'"), e.getMessage());
    }

    @Test
    void extensibleMatchAndAbsurdNestingAreRefused() {
        assertThrows(InvalidFilterException.class, () -> SourceFilter.parse("(department:caseExactMatch:=Sales)"));
        String deep = "(!".repeat(40) + "(department=Sales)" + ")".repeat(40);
        InvalidFilterException e = assertThrows(InvalidFilterException.class, () -> SourceFilter.parse(deep));
        assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
        assertThrows(InvalidFilterException.class, () -> SourceFilter.parse("(department=" + "x".repeat(10_001) + ")"));
    }

    @Test
    void theParsedTextIsKeptForStorage() {
        assertEquals("(department=Sales)", SourceFilter.parse("  (department=Sales) ").text().orElseThrow());
    }
}
