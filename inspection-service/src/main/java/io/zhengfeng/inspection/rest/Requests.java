package io.zhengfeng.inspection.rest;

import java.util.List;

import io.zhengfeng.inspection.service.Inspections;

/** Small request bodies of the action endpoints. */
public final class Requests {
    /** Every role that reads inspections; what each may see is decided in the service layer. */
    public static final String[] READERS = { "handler", "dept_head", "inspector", "supervisor", "leader", "admin" };

    public record Text(String text) {
    }

    public record Publish(String summary) {
    }

    public record PhaseChange(String phase) {
    }

    public record Completion(String notes) {
    }

    public record Answers(List<Inspections.AnswerInput> answers) {
    }

    private Requests() {
    }
}
