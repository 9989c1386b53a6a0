package io.obsagent.core.metrics.rules;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodPatternTest {

    @Test
    void typeAndMethodNameMatchAnyParameters() {
        MethodPattern pattern = MethodPattern.parse(" com.example.tasks.TaskService#create ");

        assertThat(pattern.typeName()).isEqualTo("com.example.tasks.TaskService");
        assertThat(pattern.internalTypeName()).isEqualTo("com/example/tasks/TaskService");
        assertThat(pattern.matchesName("create")).isTrue();
        assertThat(pattern.matchesName("createAll")).isFalse();
        assertThat(pattern.matchesParameters(Collections.emptyList())).isTrue();
        assertThat(pattern.matchesParameters(Arrays.asList("long", "java.lang.String"))).isTrue();
        assertThat(pattern).hasToString("com.example.tasks.TaskService#create");
    }

    @Test
    void starInTheMethodNameMatchesAnyRunOfCharacters() {
        MethodPattern find = MethodPattern.parse("com.example.Repo#find*");
        assertThat(find.matchesName("find")).isTrue();
        assertThat(find.matchesName("findById")).isTrue();
        assertThat(find.matchesName("refind")).isFalse();

        MethodPattern middle = MethodPattern.parse("com.example.Repo#*By*Id");
        assertThat(middle.matchesName("findById")).isTrue();
        assertThat(middle.matchesName("deleteByOwnerId")).isTrue();
        assertThat(middle.matchesName("findByIds")).isFalse();
        assertThat(MethodPattern.parse("com.example.Repo#*").matchesName("anything")).isTrue();
    }

    @Test
    void parameterTypesSelectOneOverload() {
        MethodPattern save = MethodPattern.parse("com.example.tasks.TaskRepository#save(com.example.tasks.Task)");
        assertThat(save.matchesParameters(Collections.singletonList("com.example.tasks.Task"))).isTrue();
        assertThat(save.matchesParameters(Collections.singletonList("com.example.other.Task"))).isFalse();
        assertThat(save.matchesParameters(Arrays.asList("com.example.tasks.Task", "boolean"))).isFalse();

        MethodPattern none = MethodPattern.parse("com.example.A#run()");
        assertThat(none.matchesParameters(Collections.emptyList())).isTrue();
        assertThat(none.matchesParameters(Collections.singletonList("int"))).isFalse();
    }

    @Test
    void unqualifiedParameterTypesMatchBySimpleName() {
        MethodPattern get = MethodPattern.parse("com.example.A#get(long, String)");
        assertThat(get.matchesParameters(Arrays.asList("long", "java.lang.String"))).isTrue();
        assertThat(get.matchesParameters(Arrays.asList("int", "java.lang.String"))).isFalse();
    }

    @Test
    void arraysAndVarargsAreWrittenAsInJava() {
        MethodPattern all = MethodPattern.parse("com.example.A#all(java.lang.String[], int...)");
        assertThat(all.matchesParameters(Arrays.asList("java.lang.String[]", "int[]"))).isTrue();
        assertThat(all.matchesParameters(Arrays.asList("java.lang.String", "int[]"))).isFalse();
    }

    @Test
    void nestedTypesUseTheirBinaryName() {
        assertThat(MethodPattern.parse("com.example.Outer$Inner#run").internalTypeName())
                .isEqualTo("com/example/Outer$Inner");
    }

    @Test
    void malformedPatternsAreRefusedWithAReason() {
        assertThatThrownBy(() -> MethodPattern.parse("com.example.TaskService")).hasMessageContaining("Type#method");
        assertThatThrownBy(() -> MethodPattern.parse("#create")).hasMessageContaining("not a fully qualified class name");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.*#create")).hasMessageContaining("method name only");
        assertThatThrownBy(() -> MethodPattern.parse("com..example.A#create")).hasMessageContaining("class name");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.A#")).hasMessageContaining("not a method name");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.A#cre-ate")).hasMessageContaining("not a method name");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.A#<init>")).hasMessageContaining("not a method name");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.A#save(Task")).hasMessageContaining("parentheses");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.A#save(Task))")).hasMessageContaining("parentheses");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.A#save(Task,)")).hasMessageContaining("not a parameter type");
        assertThatThrownBy(() -> MethodPattern.parse("com.example.A#save(List<Task>)")).hasMessageContaining("not a parameter type");
    }
}
