package io.zhengfeng.inspection;

import static io.zhengfeng.inspection.Api.inspector;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.zhengfeng.testing.RealInfrastructureResource;

/** The six checks ship word for word from the seed; templates are versioned and inspections keep theirs. */
@QuarkusTest
@QuarkusTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "zf_inspection_test"))
class CheckTemplateTest {
    /** The seed itself when this checkout sits beside ../shared, else the copy of its passage. */
    static String seedText() throws IOException {
        for (Path p : List.of(Path.of("../../shared/seed/000_d255ec3aff1ba914.txt"), Path.of("../shared/seed/000_d255ec3aff1ba914.txt"))) {
            if (Files.isReadable(p)) {
                return Files.readString(p, StandardCharsets.UTF_8);
            }
        }
        try (var in = CheckTemplateTest.class.getResourceAsStream("/seed/six-checks-passage.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** 一查…,看…,不让… up to the separator before the next item: the seed's own punctuation. */
    static List<String[]> seedItems() throws IOException {
        String text = seedText();
        Matcher m = Pattern.compile("([一二三四五六])查(.+?),看(.+?),不让(.+?)[;。]").matcher(text.substring(text.indexOf("一查党风")));
        List<String[]> items = new ArrayList<>();
        while (m.find() && items.size() < 6) {
            items.add(new String[] { m.group(1) + "查", m.group(2), m.group(3), m.group(4) });
        }
        return items;
    }

    @Test
    void shippedSixChecksEqualTheSeedWordForWord() throws IOException {
        List<String[]> seed = seedItems();
        assertEquals(6, seed.size(), "the seed names six checks");
        List<Map<String, Object>> shipped = Api.sixChecksItems();
        assertEquals(6, shipped.size());
        for (int n = 0; n < 6; n++) {
            Map<String, Object> item = shipped.get(n);
            assertEquals(n + 1, item.get("position"));
            assertEquals(seed.get(n)[0], item.get("label"));
            assertEquals(seed.get(n)[1], item.get("check"), "查 of item " + (n + 1));
            assertEquals(seed.get(n)[2], item.get("look"), "看 of item " + (n + 1));
            assertEquals(seed.get(n)[3], item.get("pledge"), "不让 of item " + (n + 1));
        }
        assertTrue(seedText().contains("五查" + shipped.get(4).get("check") + ",看" + shipped.get(4).get("look")));
    }

    @Test
    void anInspectionKeepsItsTemplateVersionWhenANewVersionIsAdded() {
        String code = "five-ones-" + System.nanoTime();
        String v1 = inspector().body(Map.of("code", code, "title", "五个一工作规范", "items", List.of(
                Map.of("label", "一", "check", "一张笑脸相迎", "look", "有无冷脸待人", "pledge", "服务对象受到冷落"))))
                .post("/api/inspections/templates").then().statusCode(201).body("version", org.hamcrest.Matchers.equalTo(1))
                .extract().path("id");
        String inspection = inspector().body(Map.of("type", "spot", "targetDepartment", "planning", "templateId", v1))
                .post("/api/inspections").then().statusCode(201).extract().path("id");
        inspector().body(Map.of("code", code, "title", "五个一工作规范", "items", List.of(
                Map.of("label", "一", "check", "一张笑脸相迎", "look", "有无冷脸待人", "pledge", "服务对象受到冷落"),
                Map.of("label", "二", "check", "一声您好问候", "look", "有无不打招呼", "pledge", "服务对象受到冷落"))))
                .post("/api/inspections/templates").then().statusCode(201).body("version", org.hamcrest.Matchers.equalTo(2));
        inspector().get("/api/inspections/" + inspection).then().statusCode(200)
                .body("templateId", org.hamcrest.Matchers.equalTo(v1)).body("templateVersion", org.hamcrest.Matchers.equalTo(1));
        assertEquals(2, inspector().get("/api/inspections/templates?code=" + code).then().extract().jsonPath().getList("$").size());
    }

    @Test
    void onlyInspectorsAndAdminsAddTemplatesAndBadItemsNameTheField() {
        Api.handler("planning").body(Map.of("code", "x", "title", "x", "items", List.of()))
                .post("/api/inspections/templates").then().statusCode(403);
        inspector().body(Map.of("code", "x-" + System.nanoTime(), "title", "t", "items", List.of(Map.of("label", "一", "check", "c", "look", "l"))))
                .post("/api/inspections/templates").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("items[0].pledge"));
    }
}
