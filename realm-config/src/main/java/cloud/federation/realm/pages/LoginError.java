package cloud.federation.realm.pages;

/**
 * Every error a sign-in page can show, by catalogue key: {@code <key>.title} and {@code <key>.text}. An enum rather
 * than free text so no caller can put an untranslated sentence in front of a user.
 */
public enum LoginError {
    UNKNOWN_ORGANISATION("error.unknown-organisation"),
    UNKNOWN_SIGN_OUT_ADDRESS("error.unknown-sign-out-address"),
    UNKNOWN_SIGN_IN("error.unknown-sign-in"),
    EXPIRED("error.expired"),
    STARTED_ELSEWHERE("error.started-elsewhere"),
    OPTION_NOT_OFFERED("error.option-not-offered"),
    /** Argument: the email domain. */
    NO_SIGN_IN_FOR_DOMAIN("error.no-sign-in-for-domain"),
    PROVIDER_TYPE_UNSUPPORTED("error.provider-type-unsupported"),
    IDP_UNREACHABLE("error.idp-unreachable"),
    REPEATED_PARAMETER("error.repeated-parameter"),
    INVALID_REQUEST("error.invalid-request"),
    INVALID_SIGN_OUT("error.invalid-sign-out"),
    SIGN_OUT_RETURN_NOT_REGISTERED("error.sign-out-return-not-registered"),
    SIGNED_OUT("error.signed-out"),
    ACCOUNT_NOT_ALLOWED("error.account-not-allowed"),
    /** The identity provider itself answered with an error; its own message is shown next to this text. */
    IDP_ERROR("error.idp-error"),
    UNEXPECTED("error.unexpected");

    private final String key;

    LoginError(String key) {
        this.key = key;
    }

    public String titleKey() {
        return key + ".title";
    }

    public String textKey() {
        return key + ".text";
    }
}
