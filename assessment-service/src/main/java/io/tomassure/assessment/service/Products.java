package io.tomassure.assessment.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.tomassure.assessment.domain.Organisation;
import io.tomassure.assessment.domain.Product;
import io.tomassure.assessment.domain.ProductVersion;
import io.tomassure.support.Ids;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Viewer;
import io.tomassure.support.time.TimeSource;

/** A supplier's products and their versions: what assessments and certificates are about. */
@ApplicationScoped
public class Products {

    private final Access access;
    private final TimeSource time;

    Products(Access access, TimeSource time) {
        this.access = access;
        this.time = time;
    }

    /** A product of {@code supplier}, which must be a registered supplier; names are unique per supplier. */
    @Transactional
    public Product register(String supplier, String name) {
        Organisation organisation = Organisation.findById(supplier);
        if (organisation == null || !organisation.is(Organisation.Kind.SUPPLIER)) {
            throw ProblemException.forbidden(supplier + " is not a registered supplier");
        }
        if (Product.count("supplierOds = ?1 and name = ?2", supplier, name) > 0) {
            throw ProblemException.conflict("duplicate", "Product exists", supplier + " already has a product named " + name);
        }
        Product product = new Product();
        product.id = Ids.next();
        product.supplierOds = supplier;
        product.name = name;
        product.createdAt = time.now();
        product.persist();
        return product;
    }

    /** A new version of a product the caller sees, added by its supplier; version labels are unique per product. */
    @Transactional
    public ProductVersion addVersion(Viewer viewer, UUID productId, String label) {
        Product product = access.product(productId);
        if (!viewer.isSupplierOf(product.supplierOds)) {
            throw ProblemException.notFound("Product " + product.id);
        }
        if (ProductVersion.count("productId = ?1 and version = ?2", product.id, label) > 0) {
            throw ProblemException.conflict("duplicate", "Version exists", "Product " + product.id + " already has version " + label);
        }
        ProductVersion version = new ProductVersion();
        version.id = Ids.next();
        version.productId = product.id;
        version.version = label;
        version.createdAt = time.now();
        version.persist();
        return version;
    }

    public List<ProductVersion> versions(Product product) {
        return ProductVersion.list("productId = ?1 order by createdAt", product.id);
    }
}
