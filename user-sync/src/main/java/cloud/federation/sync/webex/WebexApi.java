package cloud.federation.sync.webex;

import io.quarkus.rest.client.reactive.Url;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Form;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Webex REST calls we make, as a Quarkus REST client. Pages are addressed by absolute URL because Webex pages
 * by {@code Link} header; answers come back raw so the connector sees status, {@code Retry-After} and {@code Link}.
 */
public interface WebexApi extends AutoCloseable {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Response get(@Url String url, @HeaderParam("Authorization") String authorization);

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Response token(@Url String url, Form form);
}
