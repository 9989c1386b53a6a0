package io.obsagent.instrumentation.servlet;

import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.commons.ClassRemapper;
import net.bytebuddy.jar.asm.commons.Remapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The javax and jakarta advice are two thin checked-in classes that must stay the same code over two namespaces:
 * the javax one, with every {@code javax/servlet} name mapped to {@code jakarta/servlet}, compiles to exactly the
 * jakarta one (debug information, which holds line numbers and so comments' lengths, aside).
 */
class NamespaceTwinsTest {

    private static final String JAVAX = "io/obsagent/instrumentation/servlet/javax/";
    private static final String JAKARTA = "io/obsagent/instrumentation/servlet/jakarta/";

    @ParameterizedTest
    @ValueSource(strings = {"ServletDispatchAdvice", "ContainerAnswerAdvice", "SecurityHeadersAdvice", "ContentTypeAdvice"})
    void theJakartaAdviceIsTheJavaxAdviceOverTheOtherNamespace(String simpleName) throws IOException {
        byte[] fromJavax = normalised(JAVAX + simpleName, new Remapper() {
            @Override
            public String map(String internalName) {
                if (internalName.startsWith("javax/servlet/")) {
                    return "jakarta/servlet/" + internalName.substring("javax/servlet/".length());
                }
                return internalName.startsWith(JAVAX) ? JAKARTA + internalName.substring(JAVAX.length()) : internalName;
            }

            /** The API's own constants the compiler inlined, such as {@code RequestDispatcher.ERROR_EXCEPTION}. */
            @Override
            public Object mapValue(Object value) {
                if (value instanceof String && ((String) value).startsWith("javax.servlet.")) {
                    return "jakarta.servlet." + ((String) value).substring("javax.servlet.".length());
                }
                return super.mapValue(value);
            }
        });
        byte[] jakarta = normalised(JAKARTA + simpleName, new Remapper() {
        });
        assertThat(Arrays.equals(jakarta, fromJavax)).as(simpleName + ": the javax and jakarta twins differ; edit both alike").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ServletDispatchAdvice", "ContainerAnswerAdvice", "SecurityHeadersAdvice", "ContentTypeAdvice"})
    void eachNamespacesAdviceNamesOnlyItsOwnServletApi(String simpleName) throws IOException {
        assertThat(constants(JAVAX + simpleName)).doesNotContain("jakarta/servlet/").contains("javax/servlet/");
        assertThat(constants(JAKARTA + simpleName)).doesNotContain("javax/servlet/").contains("jakarta/servlet/");
    }

    private static byte[] normalised(String internalName, Remapper remapper) throws IOException {
        ClassWriter writer = new ClassWriter(0);
        new ClassReader(bytes(internalName)).accept(new ClassRemapper(writer, remapper), ClassReader.SKIP_DEBUG);
        return writer.toByteArray();
    }

    private static String constants(String internalName) throws IOException {
        return new String(bytes(internalName), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String internalName) throws IOException {
        try (InputStream in = NamespaceTwinsTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
            assertThat(in).as(internalName).isNotNull();
            return in.readAllBytes();
        }
    }
}
