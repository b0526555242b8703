package io.zhengfeng.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** ZF_OIDC_ROLE_MAP: what an external provider's roles become, and a map that would grant nothing sensible refused at start. */
class SuiteJwtParserRoleMapTest {

    @Test
    void withoutAMapOnlyRolesNamedLikeTheSuitesCount() {
        Map<String, String> map = SuiteJwtParser.roleMap(Optional.empty());
        assertEquals(Roles.ALL, map.keySet());
        map.forEach((external, suite) -> assertEquals(external, suite));
    }

    @Test
    void aConfiguredMapNamesSuiteRolesOnly() {
        Map<String, String> map = SuiteJwtParser.roleMap(Optional.of(" bureau-admin = admin ,complaint-officer=handler"));
        assertEquals(Map.of("bureau-admin", "admin", "complaint-officer", "handler"), map);
        assertTrue(!map.containsKey("admin"), "with a map, the suite's own names are not implied");
    }

    @Test
    void aMapOntoAnUnknownRoleOrWithoutEqualsSignIsRefused() {
        IllegalStateException unknown = assertThrows(IllegalStateException.class,
                () -> SuiteJwtParser.roleMap(Optional.of("bureau-admin=superuser")));
        assertTrue(unknown.getMessage().contains("ZF_OIDC_ROLE_MAP"), unknown.getMessage());
        assertThrows(IllegalStateException.class, () -> SuiteJwtParser.roleMap(Optional.of("bureau-admin")));
    }
}
