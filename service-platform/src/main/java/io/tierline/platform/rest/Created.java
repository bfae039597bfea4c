package io.tierline.platform.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.RestResponse;

/** 201 answers carry the new resource and its {@code Location}. */
public final class Created {

    /** 201 with {@code Location} = the request path + "/" + id. */
    public static <T> RestResponse<T> at(UriInfo uri, Object id, T body) {
        return RestResponse.ResponseBuilder.<T>created(uri.getAbsolutePathBuilder().path(id.toString()).build())
                .entity(body).type(MediaType.APPLICATION_JSON).build();
    }

    private Created() {
    }
}
