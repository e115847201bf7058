package cloud.federation.oidc.broker;

import cloud.federation.realm.api.UpstreamCheck;
import cloud.federation.realm.pages.LoginPages.CheckOutcome;
import cloud.federation.realm.pages.LoginPages.CheckResult;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TestSignInsTest {

    static List<UpstreamCheck> pipeline() {
        List<UpstreamCheck> checks = new ArrayList<>(TestSignIns.BROKER_CHECKS);
        checks.add(UpstreamCheck.of("signature", "bad_signature"));
        checks.add(UpstreamCheck.of("audience", "bad_audience"));
        checks.add(TestSignIns.DOMAIN_BINDING);
        return checks;
    }

    static List<CheckOutcome> outcomes(List<CheckResult> results) {
        return results.stream().map(CheckResult::outcome).toList();
    }

    @Test
    void allPassWithoutARefusal() {
        assertEquals(List.of(CheckOutcome.PASSED, CheckOutcome.PASSED, CheckOutcome.PASSED, CheckOutcome.PASSED,
                CheckOutcome.PASSED), outcomes(TestSignIns.results(pipeline(), null)));
    }

    @Test
    void stepsBeforeTheRefusingOnePassedAndAfterItNeverRan() {
        assertEquals(List.of(CheckOutcome.PASSED, CheckOutcome.PASSED, CheckOutcome.PASSED, CheckOutcome.FAILED,
                CheckOutcome.NOT_RUN), outcomes(TestSignIns.results(pipeline(), "bad_audience")));
        assertEquals(CheckOutcome.FAILED, TestSignIns.results(pipeline(), "email_domain_not_in_realm").get(4).outcome());
    }

    @Test
    void anUndeclaredReasonClaimsNothingBeyondTheBrokersOwnChecks() {
        List<CheckResult> results = TestSignIns.results(pipeline(), "something_new");
        assertEquals(List.of(CheckOutcome.PASSED, CheckOutcome.PASSED, CheckOutcome.FAILED, CheckOutcome.NOT_RUN,
                CheckOutcome.NOT_RUN, CheckOutcome.NOT_RUN), outcomes(results));
    }
}
