package cloud.federation.sync.user;

/** What kind of directory object a synced entry is; suites filter on it ({@code userType} attribute). */
public enum UserType {
    USER("user"),
    GUEST("guest"),
    WORKSPACE("workspace"),
    VIRTUAL_LINE("virtual-line"),
    HUNT_GROUP("hunt-group"),
    CALL_QUEUE("call-queue"),
    AUTO_ATTENDANT("auto-attendant");

    private final String value;

    UserType(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }
}
