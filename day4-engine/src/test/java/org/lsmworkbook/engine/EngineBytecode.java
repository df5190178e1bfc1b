package org.lsmworkbook.engine;

import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassReader;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.ClassVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Handle;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.MethodVisitor;
import com.tngtech.archunit.thirdparty.org.objectweb.asm.Opcodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the architecture rules need to know about the engine's compiled methods that ArchUnit's
 * model does not show: {@code synchronized} blocks (the {@code monitorenter} instruction), reads of
 * the engine's {@code state} field counted one by one, and calls made through lambdas and method
 * references. Read with the ASM copy that ArchUnit carries, so no other library is needed.
 */
final class EngineBytecode {

    private static final String ENGINE = "org/lsmworkbook/engine/";
    private static final String INNER = ENGINE + "LsmStorageInner";

    /** One method, as {@code Owner.name(descriptor)}, and what its body does. */
    static final class Method {
        final String owner;
        final String name;
        final String descriptor;
        boolean synchronizedModifier;
        int monitorEnters;
        int stateReads;
        final List<String> lockCalls = new ArrayList<>();
        final Set<String> engineCalls = new LinkedHashSet<>();

        Method(String owner, String name, String descriptor) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
        }

        String key() {
            return owner + "." + name + descriptor;
        }

        @Override
        public String toString() {
            return owner.substring(ENGINE.length()) + "." + name;
        }
    }

    private final Map<String, Method> methods = new HashMap<>();
    private final Set<String> classesRead = new LinkedHashSet<>();

    /**
     * The methods of the engine package that {@code LsmStorageInner.<name>} reaches, itself first:
     * through direct calls, lambdas and method references, as far down as they go.
     */
    List<Method> reachedFrom(String name) {
        readClass(INNER);
        List<Method> reached = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (Method m : new ArrayList<>(methods.values())) {
            if (m.owner.equals(INNER) && m.name.equals(name)) {
                todo.add(m.key());
            }
        }
        while (!todo.isEmpty()) {
            String key = todo.poll();
            if (!seen.add(key)) {
                continue;
            }
            readClass(key.substring(0, key.indexOf('.')));
            Method m = methods.get(key);
            if (m == null) {
                continue; // an inherited or abstract method: nothing of ours to look into
            }
            reached.add(m);
            todo.addAll(m.engineCalls);
        }
        return reached;
    }

    private void readClass(String internalName) {
        if (!classesRead.add(internalName)) {
            return;
        }
        String simple = internalName.substring(ENGINE.length());
        try (InputStream in = EngineBytecode.class.getResourceAsStream(simple + ".class")) {
            if (in == null) {
                return;
            }
            new ClassReader(in).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                        String[] exceptions) {
                    Method m = new Method(internalName, name, descriptor);
                    m.synchronizedModifier = (access & Opcodes.ACC_SYNCHRONIZED) != 0;
                    methods.put(m.key(), m);
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public void visitInsn(int opcode) {
                            if (opcode == Opcodes.MONITORENTER) {
                                m.monitorEnters++;
                            }
                        }

                        @Override
                        public void visitFieldInsn(int opcode, String owner, String field, String fieldDescriptor) {
                            if (opcode == Opcodes.GETFIELD && owner.equals(INNER) && field.equals("state")) {
                                m.stateReads++;
                            }
                        }

                        @Override
                        public void visitMethodInsn(int opcode, String owner, String callee, String calleeDescriptor,
                                boolean isInterface) {
                            called(m, owner, callee, calleeDescriptor);
                        }

                        @Override
                        public void visitInvokeDynamicInsn(String callee, String calleeDescriptor, Handle bootstrap,
                                Object... arguments) {
                            for (Object argument : arguments) {
                                if (argument instanceof Handle handle) {
                                    called(m, handle.getOwner(), handle.getName(), handle.getDesc());
                                }
                            }
                        }
                    };
                }
            }, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the bytecode of " + internalName, e);
        }
    }

    private static void called(Method caller, String owner, String name, String descriptor) {
        if (owner.startsWith("java/util/concurrent/locks/")) {
            caller.lockCalls.add(owner.substring(owner.lastIndexOf('/') + 1) + "." + name);
        } else if (owner.startsWith(ENGINE) && owner.indexOf('/', ENGINE.length()) < 0) {
            caller.engineCalls.add(owner + "." + name + descriptor);
        }
    }
}
