package io.zhengfeng.inspection.rest;

import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.zhengfeng.platform.pii.RekeyJob;
import io.zhengfeng.platform.pii.RekeyResource;
import io.zhengfeng.platform.pii.RekeyRunner;

/** Re-encryption of supervisors' personal data after a key rotation (service/PersonalDataRekey). */
@Path("/api/inspections/admin/pii-rekey")
@Tag(name = "Personal-data key rotation")
public class PersonalDataRekeyResource extends RekeyResource {
    public PersonalDataRekeyResource(RekeyRunner runner, RekeyJob rekey) {
        super(runner, rekey);
    }
}
