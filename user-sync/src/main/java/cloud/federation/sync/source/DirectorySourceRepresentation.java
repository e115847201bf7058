package cloud.federation.sync.source;

import java.util.Map;

/**
 * A directory source as the admin API shows and accepts it. Secret config values are write-only: they are answered
 * as a mask, and sending the mask back keeps the stored value.
 */
public class DirectorySourceRepresentation {
    public String id;
    public String name;
    public String type;
    public Boolean enabled;
    public Map<String, String> config;
    public String filter;
    public String schedule;
}
