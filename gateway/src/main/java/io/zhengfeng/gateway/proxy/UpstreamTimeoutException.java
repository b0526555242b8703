package io.zhengfeng.gateway.proxy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;

/** The service accepted the request but sent no response headers in time. */
class UpstreamTimeoutException extends TimeoutException {
    UpstreamTimeoutException(Duration timeout) {
        super("no response within " + timeout.toMillis() + " ms");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // an expected outcome, not a bug: no stack trace to collect
    }
}
