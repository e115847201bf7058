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

    Ldap ldap();

    LoginDomains domains();

    Console console();

    WebexIntegration webex();

    /**
     * The operator's own Webex integration: when set, realm admins turn Webex sign-in on with one switch instead of
     * registering an integration of their own.
     */
    interface WebexIntegration {
        Optional<String> clientId();

        Optional<String> clientSecret();
    }

    /** The admin console's sessions (server-side, cookie {@code federation_console}). */
    interface Console {
        /** A session unused this long is signed out. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** A session is signed out this long after sign-in however active it is. */
        @WithDefault("10h")
        Duration maxLifetime();
    }

    /** DNS verification of the login domains realm admins add. */
    interface LoginDomains {
        /**
         * DNS server(s) asked for verification records, {@code host[:port]}, comma-separated for several; absent:
         * the system's resolvers (/etc/resolv.conf).
         */
        Optional<String> resolver();

        /** How long one lookup may take, retransmissions and a TCP retry included. */
        @WithDefault("3s")
        Duration lookupTimeout();

        /** How often unverified domains are checked without anyone asking. */
        @WithDefault("10m")
        Duration verificationInterval();

        /** How long an unverified domain stays reserved for its realm before another realm may add it. */
        @WithDefault("7d")
        Duration claimLifetime();
    }

    /** The LDAP directory facade suites read (ldap-proxy). */
    interface Ldap {
        /** Starts the LDAP listeners; off only for deployments that serve no directory. */
        @WithDefault("true")
        boolean enabled();

        /** Address both listeners bind to. */
        @WithDefault("0.0.0.0")
        String host();

        /** LDAPS port (TLS from the first byte); 0 picks a free port; -1 turns it off. */
        @WithDefault("1636")
        int ldapsPort();

        /** Plain LDAP port where only StartTLS, root DSE reads and unbind work before TLS; -1 turns it off. */
        @WithDefault("1389")
        int ldapPort();

        /** PEM certificate chain (server first). With no files, a self-signed pair is generated under data/. */
        Optional<String> certificateFile();

        /** PEM private key (PKCS#8, unencrypted) of {@link #certificateFile()}. */
        Optional<String> keyFile();

        /** Where the generated self-signed certificate and key are kept between restarts. */
        @WithDefault("data/ldap-tls")
        String generatedTlsDirectory();

        /** Host name the generated certificate is issued for. */
        @WithDefault("localhost")
        String generatedTlsHostname();

        @WithDefault("1000")
        int maxConnections();

        @WithDefault("100")
        int maxConnectionsPerAddress();

        /** A connection with no request for this long is told so (notice of disconnection) and closed. */
        @WithDefault("10m")
        Duration idleTimeout();

        /** Largest request PDU; larger ones close the connection. */
        @WithDefault("262144")
        int maxRequestBytes();

        /** Deepest filter nesting accepted (AND/OR/NOT levels). */
        @WithDefault("32")
        int maxFilterDepth();

        /** Most filter components (all levels) accepted in one search. */
        @WithDefault("1000")
        int maxFilterComponents();

        /** Entries a search returns without paging (Active Directory's MaxPageSize); also the largest page. */
        @WithDefault("1000")
        int sizeLimit();

        /** Longest a search may run, whatever time limit the client asks for. */
        @WithDefault("60s")
        Duration timeLimit();

        /** Paged searches one connection may keep open; the oldest is dropped beyond this. */
        @WithDefault("8")
        int maxPagedSearches();

        /** Values of one attribute returned per page of range retrieval (AD's MaxValRange). */
        @WithDefault("1500")
        int maxValueRange();

        /** Failed binds per bind DN and address before each further one locks that pair. */
        @WithDefault("5")
        int bindFreeFailures();

        /** Failed binds per address (any DN) before each further one locks the address. */
        @WithDefault("20")
        int bindAddressFreeFailures();

        /** First lock after the free failures; doubles per further failure. */
        @WithDefault("1s")
        Duration bindBaseDelay();

        @WithDefault("15m")
        Duration bindMaxDelay();

        /** How often a node drops the views of realms deleted elsewhere (their change counter goes with them). */
        @WithDefault("60s")
        Duration reconcileInterval();
    }

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
