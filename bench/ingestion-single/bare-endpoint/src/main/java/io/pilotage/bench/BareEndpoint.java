package io.pilotage.bench;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.reactive.messaging.Channel;

/**
 * The baseline of the ingestion-single benchmark: takes the body as it is, produces it to Kafka
 * with acks=all, answers 202 on the acknowledgement. No auth, no validation, no dedupe.
 */
@Path("/events")
public class BareEndpoint {

    private final MutinyEmitter<byte[]> emitter;

    public BareEndpoint(@Channel("out") MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    @POST
    @Consumes("*/*")
    public Uni<Response> post(byte[] body) {
        return emitter.send(body).replaceWith(Response.accepted().build());
    }
}
