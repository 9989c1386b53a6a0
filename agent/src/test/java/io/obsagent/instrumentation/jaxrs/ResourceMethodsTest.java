package io.obsagent.instrumentation.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.assertj.core.api.Assertions.assertThat;

class ResourceMethodsTest {

    @Path("/products")
    interface ProductsApi {

        @GET
        @Path("/{sku: [a-z0-9-]+}")
        String product(@PathParam("sku") String sku);

        @POST
        String create(String body);
    }

    static class ProductsResource implements ProductsApi {

        @Override
        public String product(String sku) {
            return sku;
        }

        @Override
        public String create(String body) {
            return body;
        }

        public String helper() {
            return "not a resource method";
        }
    }

    @Path("users")
    static class UsersResource {

        @GET
        @Path("{id}")
        public String user(@PathParam("id") String id) {
            return id;
        }
    }

    @Path("/base")
    abstract static class BaseResource {

        @GET
        public abstract String list();
    }

    static class ListResource extends BaseResource {

        @Override
        public String list() {
            return "";
        }
    }

    @Test
    void aMethodAnnotatedOnItsInterfaceIsAResourceMethodWithTheInterfacesTemplate() {
        assertThat(template(ProductsResource.class, "product")).isEqualTo("/products/{sku}");
        assertThat(template(ProductsResource.class, "create")).isEqualTo("/products");
        assertThat(isResourceMethod(ProductsResource.class, "helper")).isFalse();
    }

    @Test
    void aMethodAnnotatedItselfKeepsItsOwnTemplate() {
        assertThat(isResourceMethod(UsersResource.class, "user")).isTrue();
        assertThat(template(UsersResource.class, "user")).isEqualTo("/users/{id}");
    }

    @Test
    void aMethodAnnotatedOnItsSuperclassTakesTheSuperclassTemplate() {
        assertThat(template(ListResource.class, "list")).isEqualTo("/base");
    }

    private static String template(Class<?> type, String method) {
        assertThat(isResourceMethod(type, method)).as("%s is a resource method", method).isTrue();
        return JaxRsInstrumentation.template(TypeDescription.ForLoadedType.of(type), method(type, method));
    }

    private static boolean isResourceMethod(Class<?> type, String method) {
        return ResourceMethods.matcher().matches(method(type, method));
    }

    private static MethodDescription method(Class<?> type, String name) {
        return TypeDescription.ForLoadedType.of(type).getDeclaredMethods().filter(named(name)).getOnly();
    }
}
