package cloud.federation.server.support;

import org.htmlunit.BrowserVersion;
import org.htmlunit.StringWebResponse;
import org.htmlunit.WebClient;
import org.htmlunit.WebRequest;
import org.htmlunit.WebResponse;
import org.htmlunit.util.NameValuePair;
import org.htmlunit.util.WebConnectionWrapper;

import java.io.IOException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;

/**
 * HtmlUnit as the user's browser. The suite's host does not exist: arriving there is the result, recorded instead
 * of fetched. Form posts to our own paths are recorded too, so a test can look at what an IdP sent us.
 */
public final class HtmlBrowser implements AutoCloseable {

    public final WebClient client = new WebClient(BrowserVersion.FIREFOX);
    private URL suiteLanding;
    private final Map<String, String> postedToUs = new HashMap<>();

    public HtmlBrowser(boolean javaScript) {
        client.getOptions().setJavaScriptEnabled(javaScript);
        client.getOptions().setThrowExceptionOnScriptError(false);
        client.getOptions().setCssEnabled(false);
        new WebConnectionWrapper(client) {
            @Override
            public WebResponse getResponse(WebRequest request) throws IOException {
                if (request.getUrl().getPath().contains("/broker/")) {
                    for (NameValuePair p : request.getRequestParameters()) {
                        postedToUs.put(p.getName(), p.getValue());
                    }
                }
                if (request.getUrl().getHost().equals("suite.invalid")) {
                    suiteLanding = request.getUrl();
                    return new StringWebResponse("<html><body>suite</body></html>", request.getUrl());
                }
                return super.getResponse(request);
            }
        };
    }

    public URL suiteLanding() {
        return suiteLanding;
    }

    public String postedToUs(String parameter) {
        return postedToUs.get(parameter);
    }

    @Override
    public void close() {
        client.close();
    }
}
