package io.tomassure.assessment.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.ProductVersion;
import io.tomassure.assessment.service.Access;
import io.tomassure.assessment.service.Products;
import io.tomassure.support.paging.Page;
import io.tomassure.support.security.Roles;

@Path("/api/v1/products")
@Tag(name = "Products", description = "Suppliers' consuming applications and their versions")
public class ProductResource {

    public record CreateProduct(@NotBlank @Size(max = 300) String name) {
    }

    public record CreateVersion(@NotBlank @Size(max = 100) String version) {
    }

    public record VersionView(UUID id, String version, Instant createdAt) {
    }

    public record ProductView(UUID id, String name, String supplierOds, List<VersionView> versions, Instant createdAt) {
    }

    private final Access access;
    private final Products products;

    ProductResource(Access access, Products products) {
        this.access = access;
        this.products = products;
    }

    @POST
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Register a product", description = "A consuming application of the caller's organisation, which must be a registered supplier.")
    public Response create(@Valid @NotNull CreateProduct request) {
        Product product = products.register(access.organisation(), request.name());
        return Response.created(URI.create("/api/v1/products/" + product.id)).entity(view(product)).build();
    }

    @GET
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "List products", description = "A supplier's own products, those an EUO deploys, all of them "
            + "for NHS Digital. Keyset-paged: pass 'next' as 'after'.")
    public Page<ProductView> list(@QueryParam("after") UUID after, @QueryParam("limit") Integer limit) {
        return Page.fetch(limit, rows -> access.visibleProducts(after, rows), p -> p.id.toString(), this::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Get a product", description = "One product with its versions, for its supplier, the EUOs that "
            + "deploy it and NHS Digital; anyone else's product is not found.")
    public ProductView get(@PathParam("id") UUID id) {
        return view(access.product(id));
    }

    @POST
    @Path("/{id}/versions")
    @RolesAllowed(Roles.SUPPLIER)
    @Operation(summary = "Add a product version", description = "Assessments and conformance certificates are per product version.")
    public Response addVersion(@PathParam("id") UUID id, @Valid @NotNull CreateVersion request) {
        ProductVersion version = products.addVersion(access.viewer(), id, request.version());
        return Response.created(URI.create("/api/v1/products/" + id)).entity(new VersionView(version.id, version.version,
                version.createdAt)).build();
    }

    private ProductView view(Product p) {
        List<VersionView> versions = products.versions(p).stream().map(v -> new VersionView(v.id, v.version, v.createdAt))
                .toList();
        return new ProductView(p.id, p.name, p.supplierOds, versions, p.createdAt);
    }
}
