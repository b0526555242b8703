package io.zhengfeng.gateway.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record TokenRequest(
        @NotBlank @Size(max = 64) String username,
        @NotBlank @Size(max = 200) String password) {
}
