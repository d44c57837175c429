package org.homeamp.demo.ampsim;

import tools.jackson.databind.node.ObjectNode;

/**
 * Ends a simulated call early with one of AMP's HTTP-200 error envelopes; lets deep helpers (path
 * resolution, session checks) refuse a call without every caller threading error values through.
 */
final class ApiFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ObjectNode envelope;

    private ApiFailure(ObjectNode envelope) {
        super(envelope.toString(), null, false, false);
        this.envelope = envelope;
    }

    static ApiFailure fault(String title, String message) {
        return new ApiFailure(Envelopes.fault(title, message, ""));
    }

    static ApiFailure action(String reason) {
        return new ApiFailure(Envelopes.actionFailed(reason));
    }

    static ApiFailure of(ObjectNode envelope) {
        return new ApiFailure(envelope);
    }

    ObjectNode envelope() {
        return envelope;
    }
}
