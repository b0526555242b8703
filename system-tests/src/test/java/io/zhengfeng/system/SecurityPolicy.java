package io.zhengfeng.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call what: ONE table for the security suite's BOLA/BFLA matrix. Every operation the running
 * services declare must have its line here ({@code METHOD /path} as in their OpenAPI documents), so a
 * new endpoint cannot escape the matrix. DESIGN.md "Who uses it" is the source of the roles.
 */
final class SecurityPolicy {
    static final String OWN_DEPT = "planning";
    static final String OTHER_DEPT = "land";

    /** A caller of the matrix: anonymous, a citizen holding an access code, or a demo account. */
    record Subject(String name, String username, String role, String dept, boolean ownCode) {
        boolean anonymous() {
            return username == null;
        }

        boolean citizen() {
            return anonymous() && name.startsWith("citizen");
        }
    }

    static final List<Subject> SUBJECTS = List.of(
            new Subject("citizen-own", null, null, null, true), // holds the access code of the fixture complaint
            new Subject("anonymous", null, null, null, false),
            new Subject("citizen-other", null, null, null, false), // holds another complaint's code
            new Subject("spokesperson", "spokesperson", "spokesperson", null, false),
            new Subject("handler-own", "handler-planning", "handler", OWN_DEPT, false),
            new Subject("head-own", "head-planning", "dept_head", OWN_DEPT, false),
            new Subject("handler-other", "handler-land", "handler", OTHER_DEPT, false),
            new Subject("head-other", "head-land", "dept_head", OTHER_DEPT, false),
            new Subject("inspector", "inspector", "inspector", null, false),
            new Subject("supervisor", "supervisor", "supervisor", null, false),
            new Subject("leader", "leader", "leader", null, false),
            new Subject("admin", "admin", "admin", null, false));

    /**
     * @param anyone  no credential needed
     * @param citizen the holder of the fixture complaint's access code
     * @param roles   JWT groups allowed
     * @param ownDept a handler/dept_head only for objects of their own department
     */
    record Access(boolean anyone, boolean citizen, Set<String> roles, boolean ownDept) {
        Access inDept() {
            return new Access(anyone, citizen, roles, true);
        }

        /** A 401 that answers the credentials in the body (login), not the caller's token. */
        boolean judgesBodyCredentials() {
            return this == LOGIN;
        }

        boolean allows(Subject s) {
            if (anyone) {
                return true;
            }
            if (s.anonymous()) {
                return citizen && s.ownCode();
            }
            return roles.contains(s.role()) && (!ownDept || s.dept() == null || s.dept().equals(OWN_DEPT));
        }
    }

    static final Access PUBLIC = new Access(true, false, Set.of(), false);
    static final Access LOGIN = new Access(true, false, Set.of(), false);
    static final Access CITIZEN = new Access(false, true, Set.of(), false);
    /** Open311 calls that need an {@code api_key}: none of the matrix's subjects has one. */
    static final Access OPEN311_KEY = new Access(false, false, Set.of(), false);

    static Access roles(String... roles) {
        return new Access(false, false, Set.of(roles), false);
    }

    static final Access STAFF = roles("spokesperson", "handler", "dept_head", "inspector", "supervisor", "leader", "admin");
    static final Access ADMIN = roles("admin");
    static final Access INSPECTION_READERS = roles("handler", "dept_head", "inspector", "supervisor", "leader", "admin");
    static final Access SURVEY_READERS = roles("leader", "supervisor", "inspector", "admin");
    static final Access SURVEY_WRITERS = roles("inspector", "admin");
    static final Access CAMPAIGN_WRITERS = roles("inspector", "leader", "admin");
    static final Access SUPERVISION_READERS = roles("inspector", "supervisor", "leader", "admin");

    /** GeoReport v2 without a key: the public view (published requests, redacted, no contact). */
    static final Access OPEN311_REQUESTS_READ = PUBLIC;

    static final Map<String, Access> TABLE = new LinkedHashMap<>();

    private static void rule(String method, String path, Access access) {
        if (TABLE.put(method + " " + path, access) != null) {
            throw new IllegalStateException("two rules for " + method + " " + path);
        }
    }

    static {
        // gateway
        rule("POST", "/api/auth/token", LOGIN);
        rule("GET", "/api/auth/me", STAFF);
        rule("POST", "/api/auth/stream-ticket", STAFF); // a live-stream ticket for the signed-in holder
        rule("GET", "/api/openapi", PUBLIC);
        rule("GET", "/api/auth/accounts", ADMIN);
        rule("POST", "/api/auth/accounts", ADMIN);
        rule("GET", "/api/auth/accounts/{id}", ADMIN);
        rule("PUT", "/api/auth/accounts/{id}", ADMIN);
        rule("PUT", "/api/auth/accounts/{id}/password", ADMIN);
        // complaint-service: intake and the citizen
        rule("POST", "/api/complaints", PUBLIC);
        rule("GET", "/api/complaints/track/{trackingNumber}", CITIZEN);
        rule("POST", "/api/complaints/{id}/rate", CITIZEN);
        rule("POST", "/api/complaints/{id}/reopen", CITIZEN);
        rule("GET", "/api/complaints/categories", PUBLIC);
        rule("GET", "/api/complaints/departments", PUBLIC);
        rule("GET", "/api/public/stats", PUBLIC);
        rule("GET", "/api/public/replies", PUBLIC);
        // complaint-service: staff
        rule("GET", "/api/complaints", STAFF);
        rule("GET", "/api/complaints/{id}", STAFF.inDept());
        rule("GET", "/api/complaints/{id}/history", STAFF.inDept());
        rule("GET", "/api/complaints/stats", STAFF);
        rule("GET", "/api/complaints/audit", roles("leader", "admin"));
        rule("POST", "/api/complaints/{id}/accept", roles("spokesperson"));
        rule("POST", "/api/complaints/{id}/reject", roles("spokesperson"));
        rule("POST", "/api/complaints/{id}/assign", roles("spokesperson"));
        rule("POST", "/api/complaints/{id}/transfer", roles("spokesperson", "dept_head").inDept());
        rule("POST", "/api/complaints/{id}/reply", roles("handler", "dept_head").inDept());
        rule("POST", "/api/complaints/{id}/approve-reply", roles("dept_head").inDept());
        rule("POST", "/api/complaints/{id}/return-reply", roles("dept_head").inDept());
        rule("POST", "/api/complaints/{id}/request-extension", roles("dept_head").inDept());
        rule("POST", "/api/complaints/{id}/approve-extension", roles("leader"));
        rule("POST", "/api/complaints/{id}/deny-extension", roles("leader"));
        rule("POST", "/api/complaints/{id}/record-follow-up", roles("spokesperson"));
        rule("POST", "/api/complaints/{id}/close", roles("spokesperson", "leader"));
        rule("POST", "/api/complaints/{id}/publish-reply", roles("spokesperson"));
        rule("PUT", "/api/complaints/categories/{code}", ADMIN);
        rule("POST", "/api/complaints/open311-keys", ADMIN);
        rule("GET", "/api/complaints/open311-keys", ADMIN);
        rule("DELETE", "/api/complaints/open311-keys/{id}", ADMIN);
        rule("POST", "/api/complaints/admin/pii-rekey", ADMIN);
        rule("GET", "/api/complaints/admin/pii-rekey", ADMIN);
        rule("GET", "/api/complaints/admin/pii-rekey/{id}", ADMIN);
        rule("GET", "/api/complaints/calendar/{year}", PUBLIC);
        rule("PUT", "/api/complaints/calendar/{year}", ADMIN);
        rule("GET", "/api/complaints/calendar/deadline", PUBLIC);
        rule("GET", "/api/complaints/calendar/overrides", ADMIN);
        rule("PUT", "/api/complaints/calendar/overrides/{day}", ADMIN);
        rule("DELETE", "/api/complaints/calendar/overrides/{day}", ADMIN);
        rule("GET", "/api/complaints/calendar/alerts", ADMIN);
        rule("GET", "/api/complaints/admin/dead-letters", ADMIN);
        rule("POST", "/api/complaints/admin/dead-letters/{topic}/{partition}/{offset}/redrive", ADMIN);
        // complaint-service: Open311 GeoReport v2
        rule("GET", "/open311/v2/services.json", PUBLIC);
        rule("GET", "/open311/v2/services/{code}.json", PUBLIC);
        rule("POST", "/open311/v2/requests.json", OPEN311_KEY); // GeoReport v2: a POST needs an api_key
        rule("GET", "/open311/v2/requests.json", OPEN311_REQUESTS_READ);
        rule("GET", "/open311/v2/requests/{id}.json", OPEN311_REQUESTS_READ);
        rule("GET", "/open311/v2/tokens/{token}.json", PUBLIC); // GeoReport v2: a citizen follows by token
        // survey-service
        rule("POST", "/api/surveys/invited/questionnaire", PUBLIC);
        rule("POST", "/api/surveys/invited/answers", PUBLIC);
        rule("GET", "/api/surveys/public", PUBLIC);
        rule("GET", "/api/surveys/public/{id}", PUBLIC);
        rule("POST", "/api/surveys/public/{id}/ballots", PUBLIC);
        rule("GET", "/api/surveys/public/{id}/results", PUBLIC);
        rule("POST", "/api/surveys", SURVEY_WRITERS);
        rule("GET", "/api/surveys", SURVEY_READERS);
        rule("GET", "/api/surveys/{id}", SURVEY_READERS);
        rule("PUT", "/api/surveys/{id}", SURVEY_WRITERS);
        rule("POST", "/api/surveys/{id}/open", SURVEY_WRITERS);
        rule("POST", "/api/surveys/{id}/close", SURVEY_WRITERS);
        rule("POST", "/api/surveys/{id}/publish", SURVEY_WRITERS);
        rule("GET", "/api/surveys/{id}/progress", SURVEY_READERS);
        rule("GET", "/api/surveys/{id}/results", SURVEY_READERS);
        rule("GET", "/api/surveys/{id}/results.csv", SURVEY_READERS);
        rule("GET", "/api/surveys/{id}/results/texts", SURVEY_READERS);
        rule("POST", "/api/surveys/{id}/invitations", SURVEY_WRITERS);
        rule("GET", "/api/surveys/{id}/invitations", SURVEY_READERS);
        rule("GET", "/api/surveys/{id}/invitations/{invitationId}", SURVEY_WRITERS);
        rule("POST", "/api/surveys/{id}/letters", SURVEY_WRITERS);
        rule("POST", "/api/surveys/{id}/reminders", SURVEY_WRITERS);
        rule("POST", "/api/surveys/{id}/paper-returns", SURVEY_WRITERS);
        rule("POST", "/api/surveys/admin/pii-rekey", ADMIN);
        rule("GET", "/api/surveys/admin/pii-rekey", ADMIN);
        rule("GET", "/api/surveys/admin/pii-rekey/{id}", ADMIN);
        // inspection-service
        rule("GET", "/api/inspections/campaigns", INSPECTION_READERS);
        rule("POST", "/api/inspections/campaigns", CAMPAIGN_WRITERS);
        rule("GET", "/api/inspections/campaigns/{id}", INSPECTION_READERS);
        rule("PATCH", "/api/inspections/campaigns/{id}", CAMPAIGN_WRITERS);
        rule("POST", "/api/inspections/campaigns/{id}/phase", CAMPAIGN_WRITERS);
        rule("GET", "/api/inspections/campaigns/{id}/report.docx", SUPERVISION_READERS);
        rule("GET", "/api/inspections/campaigns/{id}/report.html", SUPERVISION_READERS);
        rule("GET", "/api/inspections/evidence/{id}", INSPECTION_READERS.inDept());
        rule("GET", "/api/inspections/findings", INSPECTION_READERS);
        rule("GET", "/api/inspections/findings/{id}", INSPECTION_READERS.inDept());
        rule("POST", "/api/inspections/findings/{id}/evidence", roles("inspector", "supervisor", "admin"));
        rule("GET", "/api/inspections/findings/{id}/orders", INSPECTION_READERS.inDept());
        rule("POST", "/api/inspections/findings/{id}/orders", roles("inspector", "admin"));
        rule("GET", "/api/inspections/orders", INSPECTION_READERS);
        rule("GET", "/api/inspections/orders/{id}", INSPECTION_READERS.inDept());
        rule("POST", "/api/inspections/orders/{id}/notes", roles("handler", "dept_head", "inspector", "admin").inDept());
        // the order's owner (head-planning here) reports it done; inspectors verify it
        rule("POST", "/api/inspections/orders/{id}/report-done", roles("dept_head", "admin").inDept());
        rule("POST", "/api/inspections/orders/{id}/verify", roles("inspector", "admin"));
        rule("POST", "/api/inspections/orders/{id}/evidence", roles("handler", "dept_head", "inspector", "admin").inDept());
        rule("GET", "/api/inspections/public/updates", PUBLIC);
        rule("POST", "/api/inspections/public/updates", CAMPAIGN_WRITERS);
        rule("GET", "/api/inspections/public/problems", PUBLIC);
        rule("GET", "/api/inspections/public/inspections", PUBLIC);
        rule("GET", "/api/inspections/supervisors", SUPERVISION_READERS);
        rule("POST", "/api/inspections/supervisors", CAMPAIGN_WRITERS);
        rule("GET", "/api/inspections/supervisors/{id}", SUPERVISION_READERS);
        rule("GET", "/api/inspections/supervisors/{id}/activities", SUPERVISION_READERS);
        rule("POST", "/api/inspections/supervisors/{id}/activities", roles("inspector", "supervisor", "admin"));
        rule("POST", "/api/inspections/supervisors/{id}/activities/{activityId}/findings", roles("inspector", "supervisor", "admin"));
        rule("GET", "/api/inspections/dashboard", SUPERVISION_READERS);
        rule("POST", "/api/inspections", roles("inspector", "admin", "dept_head").inDept());
        rule("GET", "/api/inspections", INSPECTION_READERS);
        rule("GET", "/api/inspections/count", INSPECTION_READERS);
        rule("GET", "/api/inspections/{id}", INSPECTION_READERS.inDept());
        // a dept_head conducts only its own department's self-inspection; the fixture is an open inspection
        rule("POST", "/api/inspections/{id}/start", roles("inspector", "admin"));
        rule("PUT", "/api/inspections/{id}/answers", roles("inspector", "admin"));
        rule("POST", "/api/inspections/{id}/complete", roles("inspector", "admin"));
        rule("POST", "/api/inspections/{id}/publish", roles("inspector", "admin"));
        rule("GET", "/api/inspections/{id}/findings", INSPECTION_READERS.inDept());
        rule("POST", "/api/inspections/{id}/findings", roles("inspector", "supervisor", "admin"));
        rule("GET", "/api/inspections/templates", INSPECTION_READERS);
        rule("GET", "/api/inspections/templates/{id}", INSPECTION_READERS);
        rule("POST", "/api/inspections/templates", roles("inspector", "admin"));
        rule("POST", "/api/inspections/admin/pii-rekey", ADMIN);
        rule("GET", "/api/inspections/admin/pii-rekey", ADMIN);
        rule("GET", "/api/inspections/admin/pii-rekey/{id}", ADMIN);
        // notification-service
        rule("POST", "/api/notifications/webhooks", ADMIN);
        rule("GET", "/api/notifications/webhooks", ADMIN);
        rule("DELETE", "/api/notifications/webhooks/{id}", ADMIN);
        rule("GET", "/api/notifications/deliveries", ADMIN);
        rule("POST", "/api/notifications/deliveries/{id}/retry", ADMIN);
        rule("GET", "/api/notifications/preferences", STAFF);
        rule("PUT", "/api/notifications/preferences", STAFF);
        rule("GET", "/api/notifications/inbox", STAFF);
        rule("GET", "/api/notifications/inbox/unread-count", STAFF);
        rule("POST", "/api/notifications/inbox/{id}/read", STAFF);
        rule("POST", "/api/notifications/inbox/read-all", STAFF);
        rule("GET", "/api/notifications/inbox/stream", STAFF);
        rule("GET", "/api/notifications/admin/dead-letters", ADMIN);
        rule("POST", "/api/notifications/admin/dead-letters/{topic}/{partition}/{offset}/redrive", ADMIN);
    }

    private SecurityPolicy() {
    }
}
