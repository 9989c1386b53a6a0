package io.obsagent.instrumentation;

import io.obsagent.core.config.ConfigProblem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.obsagent.instrumentation.InstrumentedShop.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Method rules applied by the real filter and Byte Buddy transformer to the classes of a small shop. */
class MethodRulesInstrumentationTest {

    private InstrumentedShop shop;

    @BeforeEach
    void load() throws NoSuchMethodException {
        Map<String, String> rules = new LinkedHashMap<>();
        rules.put("placed.type", "counter");
        rules.put("placed.method", "com.example.shop.Orders#place(String)");
        rules.put("place_failures.type", "counter");
        rules.put("place_failures.method", "com.example.shop.Orders#place(String)");
        rules.put("place_failures.on", "exception");
        rules.put("open_orders.type", "updown");
        rules.put("open_orders.increment", "com.example.shop.OrderService#place(java.lang.String)");
        rules.put("open_orders.decrement", "com.example.shop.OrderService#cancel");
        rules.put("lookups.type", "counter");
        rules.put("lookups.method", "com.example.shop.OrderService#find*");
        rules.put("nested.type", "counter");
        rules.put("nested.method", "com.example.shop.OrderService#placeNested");
        rules.put("totals.type", "counter");
        rules.put("totals.method", "com.example.shop.OrderService#total");
        rules.put("sizes.type", "counter");
        rules.put("sizes.method", "com.example.shop.Orders#size");
        rules.put("audits.type", "timer");
        rules.put("audits.method", "com.example.shop.Auditable#audit");
        rules.put("misspelt.type", "counter");
        rules.put("misspelt.method", "com.example.shop.OrderSrevice#place");
        shop = new InstrumentedShop(rules);
        assertThat(shop.problems()).isEmpty();
    }

    @AfterEach
    void unload() {
        assertThat(shop.failures()).isEmpty();
        shop.close();
    }

    @Test
    void normalReturnsAndThrowsAreCountedAndTheAppSeesItsOwnResults() throws Throwable {
        Object orders = shop.create("OrderService");

        assertThat(call(orders, "place", "book")).isEqualTo("order:book");
        assertThatThrownBy(() -> call(orders, "place", "")).isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("no item");
        call(orders, "cancel", 0L);
        assertThatThrownBy(() -> call(orders, "cancel", -1L)).isExactlyInstanceOf(IllegalStateException.class);
        call(orders, "place", "pen");

        assertThat(shop.samples()).containsEntry("placed_total", 2.0)
                .containsEntry("place_failures_total", 1.0)
                .containsEntry("open_orders", 1.0);
    }

    @Test
    void aParameterListExcludesOtherOverloads() throws Throwable {
        Object orders = shop.create("OrderService");

        assertThat(call(orders, "place", "pen", 2)).isEqualTo("order:2xpen");

        assertThat(shop.samples()).containsEntry("placed_total", 0.0).containsEntry("open_orders", 0.0);
    }

    @Test
    void aWildcardMatchesEveryMethodOfThatNameAndNestedCallsCountOnce() throws Throwable {
        Object orders = shop.create("OrderService");
        call(orders, "place", "book");

        call(orders, "findAll");
        assertThat(call(orders, "findFirst")).as("findFirst calls findAll").isEqualTo("book");
        assertThat(call(orders, "placeNested", "book", 5)).isEqualTo(5);

        assertThat(shop.samples()).containsEntry("lookups_total", 2.0).containsEntry("nested_total", 1.0);
    }

    @Test
    void staticMethodsAndInterfaceDefaultMethodsAreWatched() throws Throwable {
        Object orders = shop.create("OrderService");

        call(orders.getClass(), "total");
        assertThat(call(orders, "size")).isEqualTo(0);
        call(orders, "audit");

        assertThat(shop.samples()).containsEntry("totals_total", 1.0)
                .containsEntry("sizes_total", 1.0)
                .containsEntry("audits_seconds_count{outcome=\"success\"}", 1.0);
    }

    @Test
    void anOverrideThatCallsSuperCountsOnce() throws Throwable {
        Object premium = shop.create("PremiumOrderService");

        assertThat(call(premium, "place", "book")).isEqualTo("order:premium book");

        assertThat(shop.wasTransformed("PremiumOrderService")).isTrue();
        assertThat(shop.samples()).containsEntry("placed_total", 1.0).containsEntry("open_orders", 1.0);
    }

    @Test
    void aCallThroughAKnownProxyCountsOnceAndTheProxyIsLeftAlone() throws Throwable {
        Object target = shop.create("OrderService");
        Object proxy = shop.create("OrderService$$SpringCGLIB$$0", target);

        call(proxy, "place", "book");
        call(proxy, "cancel", 0L);

        assertThat(shop.wasTransformed("OrderService$$SpringCGLIB$$0")).isFalse();
        assertThat(shop.samples()).containsEntry("placed_total", 1.0).containsEntry("open_orders", 0.0);
    }

    @Test
    void aCallThroughAnUnknownDelegatingSubclassCountsOnce() throws Throwable {
        Object decorator = shop.create("AuditingOrders", shop.create("OrderService"));

        call(decorator, "place", "book");

        assertThat(shop.wasTransformed("AuditingOrders")).isTrue();
        assertThat(shop.samples()).containsEntry("placed_total", 1.0).containsEntry("open_orders", 1.0);
    }

    @Test
    void aSubclassOfASubclassThatNeverNamesTheTypeIsMissed() throws Throwable {
        Object gift = shop.create("GiftOrderService");

        assertThat(call(gift, "place", "book")).isEqualTo("gift:book");

        assertThat(shop.wasTransformed("GiftOrderService")).isFalse();
        assertThat(shop.samples()).containsEntry("placed_total", 0.0);
    }

    @Test
    void onlyTargetsThatMatchedNoMethodAreReportedAsUnmatched() throws Throwable {
        shop.create("OrderService");

        assertThat(shop.rules().unmatchedOnce()).extracting(ConfigProblem::key)
                .containsExactly("metrics.rules.misspelt.method");
    }
}
