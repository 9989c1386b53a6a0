package com.example.testapp.jersey;

/** Implements {@link ProductsApi}; every JAX-RS annotation is on the interface. */
public class ProductsResource implements ProductsApi {

    @Override
    public String product(String sku) {
        return "product " + sku;
    }
}
