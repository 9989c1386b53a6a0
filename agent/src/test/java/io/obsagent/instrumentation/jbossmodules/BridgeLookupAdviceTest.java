package io.obsagent.instrumentation.jbossmodules;

import io.obsagent.bridge.FirstCopy;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BridgeLookupAdviceTest {

    @Test
    void prefixIsTheBridgePackage() {
        assertEquals(FirstCopy.class.getPackage().getName() + ".", BridgeLookupAdvice.BRIDGE_PREFIX);
    }
}
