package io.zhengfeng.complaint;

import static io.restassured.RestAssured.given;
import static io.zhengfeng.complaint.ComplaintApi.act;
import static io.zhengfeng.complaint.ComplaintApi.handler;
import static io.zhengfeng.complaint.ComplaintApi.head;
import static io.zhengfeng.complaint.ComplaintApi.spokesperson;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.zhengfeng.testing.RealInfrastructureResource;

/**
 * Issue 11's example: a report about planning staff, signed 张三 13812345678 and assigned to
 * planning. The planning department can neither find it by the reporter's name or phone nor read
 * either — not even the surname — in any text field it receives.
 */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_complaint_test"))
class ReporterProtectionTest {
    private static final String REPORT = """
            {"kind":"report","channel":"web","category":"urban_planning",
             "title":"张三举报规划科违规审批",
             "content":"规划科某科员违规审批加建，举报人张三，电话 +86 138-1234-5678，邮箱 zhangsan@qq.com，身份证11010519491231002X",
             "contact":{"name":"张三","phone":"13812345678"}}
            """;

    @Test
    void thePlanningDepartmentCannotFindOrReadTheReporterOfAReportAboutIt() {
        String id = given().contentType("application/json").body(REPORT).post("/api/complaints").then().statusCode(201)
                .extract().path("id");
        act(spokesperson(), id, "accept", null).statusCode(200);
        act(spokesperson(), id, "assign", "{\"department\":\"planning\"}").statusCode(200);

        // a RequestSpecification keeps every query parameter added to it: a fresh one per request
        for (Supplier<RequestSpecification> planning : List.<Supplier<RequestSpecification>>of(() -> handler("planning"), () -> head("planning"))) {
            for (String q : List.of("13812345678", "张三", "5678", "zhangsan", "11010519491231002X")) {
                List<String> found = planning.get().queryParam("q", q).queryParam("size", 100).get("/api/complaints")
                        .then().statusCode(200).extract().jsonPath().getList("items.id");
                assertFalse(found.contains(id), "q=" + q + " finds the report for planning");
            }
            // the department still finds it by what the report says
            List<String> byText = planning.get().queryParam("q", "违规审批").queryParam("size", 100).get("/api/complaints")
                    .then().statusCode(200).extract().jsonPath().getList("items.id");
            assertTrue(byText.contains(id), "planning should find its report by its subject");
        }
        String view = handler("planning").get("/api/complaints/" + id).then().statusCode(200).extract().asString();
        String history = handler("planning").get("/api/complaints/" + id + "/history").then().statusCode(200).extract().asString();
        String list = handler("planning").queryParam("q", "违规审批").get("/api/complaints").then().statusCode(200).extract().asString();
        for (String text : List.of(view, history, list)) {
            assertFalse(text.contains("张"), "the surname is readable: " + text);
            assertFalse(text.contains("1234") || text.contains("zhangsan") || text.contains("110105"), text);
        }
        assertTrue(view.contains("\"visibility\":\"withheld\""), view);

        // the spokesperson, who sees the contact in full, still finds it by the name
        List<String> bySpokesperson = spokesperson().queryParam("q", "张三").queryParam("size", 100).get("/api/complaints")
                .then().statusCode(200).extract().jsonPath().getList("items.id");
        assertTrue(bySpokesperson.contains(id));
    }
}
