package io.tomassure.console.pages;

import java.net.URI;

import jakarta.ws.rs.core.Response;

/** After a change, the browser is sent to the page that shows it (POST, redirect, GET): a reload never repeats it. */
final class Redirects {

    private Redirects() {
    }

    static Response to(String path, String done) {
        return Response.seeOther(URI.create(path + "?done=" + done)).build();
    }
}
