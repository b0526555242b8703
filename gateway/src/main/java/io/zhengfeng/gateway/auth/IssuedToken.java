package io.zhengfeng.gateway.auth;

import java.time.Duration;

public record IssuedToken(String token, Duration lifetime) {
}
