package io.zhengfeng.complaint.rest;

import io.vertx.core.http.HttpServerRequest;

/**
 * The citizen's address as the gateway saw it: the gateway appends its peer to
 * {@code X-Forwarded-For}, so the rightmost entry is the one a client cannot forge through it.
 * Without the header (a direct call) the connection's peer.
 */
final class ClientAddress {
    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        String chain = request.getHeader("X-Forwarded-For");
        if (chain != null && !chain.isBlank()) {
            String[] hops = chain.split(",");
            return hops[hops.length - 1].trim();
        }
        return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
    }
}
