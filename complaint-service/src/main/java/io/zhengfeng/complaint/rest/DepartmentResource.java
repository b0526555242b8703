package io.zhengfeng.complaint.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import io.zhengfeng.complaint.persistence.DepartmentEntity;

/** The departments complaints can be dispatched to. */
@Path("/api/complaints/departments")
@Tag(name = "Reference data")
public class DepartmentResource {
    public record DepartmentView(String code, String nameZh, String nameEn, boolean active) {
    }

    @GET
    @PermitAll
    public List<DepartmentView> departments() {
        return DepartmentEntity.<DepartmentEntity>listAll(Sort.by("code")).stream()
                .map(d -> new DepartmentView(d.code, d.nameZh, d.nameEn, d.active)).toList();
    }
}
