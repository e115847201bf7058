package cloud.federation.realm;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Every {@code federation.*} option; each is also settable as a {@code FEDERATION_…} environment variable. */
@ConfigMapping(prefix = "federation")
public interface FederationConfig {

    /** Public base URL (scheme://host[:port]) used in issuers; when absent it is derived from each request. */
    Optional<String> baseUrl();

    /** Base64 of a 256-bit AES key; overrides {@link #masterKeyFile()}. */
    Optional<String> masterKey();

    /** File holding the master key; generated (mode 0600) when missing. */
    @WithDefault("data/master.key")
    String masterKeyFile();

    BootstrapAdmin bootstrapAdmin();

    Tokens token();

    BruteForce bruteForce();

    @WithDefault("210000")
    int passwordHashIterations();

    Importer importer();

    Login login();

    Saml saml();

    Sync sync();

    interface Sync {
        /** Whether this node runs scheduled syncs (manual triggers work either way). */
        @WithDefault("true")
        boolean schedulerEnabled();

        /** How often the scheduler looks for sources whose schedule is due. */
        @WithDefault("10s")
        Duration schedulerInterval();

        /** Schedule of Entra ID sources that do not set one (a delta run is cheap). */
        @WithDefault("2m")
        Duration entraSchedule();

        /** Schedule of Webex sources that do not set one (every run lists everything). */
        @WithDefault("15m")
        Duration webexSchedule();

        /** How long a run's lock outlives its node; renewed while the run pages. */
        @WithDefault("2m")
        Duration lease();

        /** Attempts per upstream request on throttling (429), gateway errors and connection failures. */
        @WithDefault("6")
        int maxAttempts();

        /** Backoff before the first retry when the upstream gives no Retry-After; doubles per attempt. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** Longest single wait a Retry-After may impose before the request is retried. */
        @WithDefault("2m")
        Duration maxRetryWait();

        /** Connect and read timeout of upstream requests. */
        @WithDefault("60s")
        Duration requestTimeout();

        /** A run that would remove more than this share of a source's served users is held for confirmation... */
        @WithDefault("0.10")
        double massDeletionShare();

        /** ...if it also removes at least this many. */
        @WithDefault("50")
        int massDeletionMinimum();

        /** How often a node checks whether another node committed a sync (directory_version). */
        @WithDefault("1s")
        Duration changePollInterval();
    }

    interface Saml {
        /** How often SAML IdP metadata published at a URL ({@code useMetadataDescriptorUrl=true}) is re-read. */
        @WithDefault("6h")
        Duration metadataRefreshInterval();
    }

    interface Login {
        /** How long a suite has to redeem an authorization code. */
        @WithDefault("60s")
        Duration codeLifespan();

        /** How long a user has to finish signing in upstream. */
        @WithDefault("10m")
        Duration pendingLoginLifespan();

        /** Lifetime of suite access and ID tokens. */
        @WithDefault("5m")
        Duration accessTokenLifespan();

        /** Lifetime of a sign-on session, and so of its refresh tokens. */
        @WithDefault("10h")
        Duration sessionLifespan();

        /** How often expired pending logins, codes and sessions are deleted. */
        @WithDefault("60s")
        Duration purgeInterval();
    }

    interface BootstrapAdmin {
        @WithDefault("admin")
        String username();

        Optional<String> password();
    }

    interface Tokens {
        @WithDefault("60s")
        Duration adminAccessTokenLifespan();

        @WithDefault("30m")
        Duration adminRefreshTokenLifespan();
    }

    interface BruteForce {
        /** Failures per user tolerated before each further attempt must wait. */
        @WithDefault("3")
        int userFreeFailures();

        /** Failures per client address tolerated before each further attempt must wait. */
        @WithDefault("20")
        int addressFreeFailures();

        /** Wait after the first failure beyond the free ones; doubles with each further failure. */
        @WithDefault("2s")
        Duration baseDelay();

        @WithDefault("15m")
        Duration maxDelay();
    }

    interface Importer {
        @WithDefault("10s")
        Duration fetchTimeout();

        /** Largest metadata or discovery document accepted from a URL. */
        @WithDefault("1048576")
        int maxDocumentBytes();
    }
}
