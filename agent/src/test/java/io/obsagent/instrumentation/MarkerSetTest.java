package io.obsagent.instrumentation;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class MarkerSetTest {

    @Test
    void aMarkersGateIsTheLongestPackageItNames() {
        assertThat(MarkerSet.gate("Ljava/util/Set;Ljakarta/servlet/ServletContext;)V")).isEqualTo("Ljakarta/servlet/");
        assertThat(MarkerSet.gate("Ljavax/servlet/ServletRequest;Ljavax/servlet/ServletResponse;")).isEqualTo("Ljavax/servlet/");
        assertThat(MarkerSet.gate(")Ljava/sql/Connection;")).isEqualTo("Ljava/sql/");
        assertThat(MarkerSet.gate("com/example/shop/Orders")).isEqualTo("com/example/shop/");
        assertThat(MarkerSet.gate("loadModuleClass")).isEqualTo("loadModuleClass");
    }

    @Test
    void findsAMarkerBehindItsGateAndNothingElse() {
        MarkerSet set = new MarkerSet(Arrays.asList("Ljava/util/Set;Ljakarta/servlet/ServletContext;)V",
                "Ljakarta/servlet/ServletContextEvent;)V", ")Ljava/sql/Connection;"));

        assertThat(set.foundIn("..(Ljava/util/Set;Ljakarta/servlet/ServletContext;)V..")).isTrue();
        assertThat(set.foundIn("..(Ljakarta/servlet/ServletContextEvent;)V..")).isTrue();
        assertThat(set.foundIn("..()Ljava/sql/Connection;..")).isTrue();
        assertThat(set.foundIn("..(Ljakarta/servlet/ServletContext;)V..Ljava/sql/Statement;")).isFalse();
        assertThat(new MarkerSet(Collections.emptyList()).foundIn("anything")).isFalse();
    }
}
