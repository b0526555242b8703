package io.zhengfeng.complaint.open311;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

@ConfigMapping(prefix = "zhengfeng.open311")
public interface Open311Config {
    /** Created at start-up if missing; set only in the local and test profiles. */
    Optional<String> demoKey();
}
