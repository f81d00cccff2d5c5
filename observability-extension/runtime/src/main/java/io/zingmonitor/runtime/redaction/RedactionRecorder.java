package io.zingmonitor.runtime.redaction;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class RedactionRecorder {

    /** Static init: the redactors are generated classes, instantiated by the recorded bytecode. */
    public void register(List<RuntimeValue<SensitiveFieldRedactor>> redactors) {
        List<SensitiveFieldRedactor> instances = new ArrayList<>(redactors.size());
        for (RuntimeValue<SensitiveFieldRedactor> redactor : redactors) {
            instances.add(redactor.getValue());
        }
        SensitiveFieldRedactors.register(instances);
    }
}
