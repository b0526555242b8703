package io.zhengfeng.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AccessLogScrubbingTest {
    @Test
    void sensitiveQueryValuesAreReplacedAndTheRestKept() {
        assertEquals("/open311/v2/requests.json?api_key=***&status=open",
                AccessLogScrubbing.scrub("/open311/v2/requests.json?api_key=k3y&status=open"));
        assertEquals("/api/complaints?q=***&page=2&Q=***",
                AccessLogScrubbing.scrub("/api/complaints?q=%E5%BC%A0%E4%B8%89&page=2&Q=138"));
        assertEquals("/surveys/answer?code=***", AccessLogScrubbing.scrub("/surveys/answer?code=ABCD-1234"));
        assertEquals("/x?api%5Fkey=***&access_code=***", AccessLogScrubbing.scrub("/x?api%5Fkey=a&access_code=b"));
    }

    @Test
    void pathsAndHarmlessQueriesAreUnchanged() {
        assertEquals("/api/complaints/track/ZF123", AccessLogScrubbing.scrub("/api/complaints/track/ZF123"));
        assertEquals("/a?status=open&&x&query=y", AccessLogScrubbing.scrub("/a?status=open&&x&query=y"));
        assertEquals("/a?q", AccessLogScrubbing.scrub("/a?q"));
    }
}
