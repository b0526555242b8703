package io.zhengfeng.complaint.rest;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;
import io.zhengfeng.complaint.persistence.CategoryEntity;
import io.zhengfeng.complaint.persistence.DepartmentEntity;
import io.zhengfeng.platform.problem.ProblemException;

/** Categories, each mapped to its responsible department: data, admin-editable. */
@Path("/api/complaints/categories")
@Tag(name = "Reference data")
public class CategoryResource {
    public record CategoryView(String code, String nameZh, String nameEn, String department, Integer acceptanceDays,
            Integer replyDays, Integer followUpDays, boolean active) {
    }

    public record CategoryUpdate(@NotBlank @Size(max = 100) String nameZh, @NotBlank @Size(max = 100) String nameEn,
            @NotBlank String department, @Min(0) @Max(60) Integer acceptanceDays, @Min(1) @Max(90) Integer replyDays,
            @Min(1) @Max(30) Integer followUpDays, @NotNull Boolean active) {
    }

    @GET
    @PermitAll
    public List<CategoryView> categories() {
        return CategoryEntity.<CategoryEntity>listAll(Sort.by("code")).stream().map(CategoryResource::view).toList();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("admin")
    @Transactional
    public CategoryView updateCategory(@PathParam("code") String code, @Valid @NotNull CategoryUpdate body) {
        if (DepartmentEntity.findById(body.department()) == null) {
            throw ProblemException.badField("department", "unknown department " + body.department());
        }
        CategoryEntity c = CategoryEntity.findById(code);
        if (c == null) {
            if (!code.matches("[a-z][a-z0-9_]{1,49}")) {
                throw ProblemException.badField("code", "must be lower-case letters, digits and underscores");
            }
            c = new CategoryEntity();
            c.code = code;
        }
        c.nameZh = body.nameZh();
        c.nameEn = body.nameEn();
        c.department = body.department();
        c.acceptanceDays = body.acceptanceDays();
        c.replyDays = body.replyDays();
        c.followUpDays = body.followUpDays();
        c.active = body.active();
        c.persist();
        return view(c);
    }

    private static CategoryView view(CategoryEntity c) {
        return new CategoryView(c.code, c.nameZh, c.nameEn, c.department, c.acceptanceDays, c.replyDays, c.followUpDays,
                c.active);
    }
}
