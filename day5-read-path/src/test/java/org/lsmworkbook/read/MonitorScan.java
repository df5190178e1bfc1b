package org.lsmworkbook.read;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the methods of a compiled class that take a monitor: {@code synchronized} methods, and
 * methods with a {@code synchronized} block (the {@code monitorenter} instruction). ArchUnit sees
 * the first kind but not the second, so this reads the class file itself: the constant pool, then
 * each method's code, one instruction at a time.
 */
final class MonitorScan {

    private static final int ACC_SYNCHRONIZED = 0x0020;
    private static final int MONITORENTER = 0xC2;

    private MonitorScan() {}

    /** The methods of {@code className} (a binary name) that take a monitor, each with the reason. */
    static List<String> methodsTakingAMonitor(String className) throws IOException {
        String resource = className.replace('.', '/') + ".class";
        try (InputStream in = MonitorScan.class.getModule().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no class file " + resource + " in " + MonitorScan.class.getModule());
            }
            return scan(className, new DataInputStream(in));
        }
    }

    private static List<String> scan(String className, DataInputStream in) throws IOException {
        in.readInt(); // magic
        in.readUnsignedShort(); // minor version
        in.readUnsignedShort(); // major version
        int poolSize = in.readUnsignedShort();
        String[] utf8 = new String[poolSize];
        for (int i = 1; i < poolSize; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 7, 8, 16, 19, 20 -> in.skipNBytes(2);
                case 15 -> in.skipNBytes(3);
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.skipNBytes(4);
                case 5, 6 -> {
                    in.skipNBytes(8);
                    i++; // a long or a double takes two entries
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " in " + className);
            }
        }
        in.skipNBytes(6); // access flags, this class, super class
        in.skipNBytes(2L * in.readUnsignedShort()); // interfaces
        int fields = in.readUnsignedShort();
        for (int f = 0; f < fields; f++) {
            in.skipNBytes(6);
            skipAttributes(in);
        }
        List<String> found = new ArrayList<>();
        int methods = in.readUnsignedShort();
        for (int m = 0; m < methods; m++) {
            int access = in.readUnsignedShort();
            String name = className + "." + utf8[in.readUnsignedShort()] + utf8[in.readUnsignedShort()];
            if ((access & ACC_SYNCHRONIZED) != 0) {
                found.add(name + " is synchronized");
            }
            int attributes = in.readUnsignedShort();
            for (int a = 0; a < attributes; a++) {
                String attribute = utf8[in.readUnsignedShort()];
                int length = in.readInt();
                if (!"Code".equals(attribute)) {
                    in.skipNBytes(length);
                    continue;
                }
                in.skipNBytes(4); // max stack, max locals
                byte[] code = new byte[in.readInt()];
                in.readFully(code);
                if (hasMonitorEnter(code)) {
                    found.add(name + " has a synchronized block");
                }
                in.skipNBytes(length - 8L - code.length);
            }
        }
        return found;
    }

    private static void skipAttributes(DataInputStream in) throws IOException {
        int count = in.readUnsignedShort();
        for (int a = 0; a < count; a++) {
            in.skipNBytes(2);
            in.skipNBytes(in.readInt());
        }
    }

    /** Walks the instructions; a byte that is an operand is never mistaken for an opcode. */
    private static boolean hasMonitorEnter(byte[] code) {
        int pc = 0;
        while (pc < code.length) {
            int op = code[pc] & 0xFF;
            if (op == MONITORENTER) {
                return true;
            }
            pc += length(code, pc, op);
        }
        return false;
    }

    private static int length(byte[] code, int pc, int op) {
        if (op == 0xAA || op == 0xAB) { // tableswitch, lookupswitch: padded to a multiple of 4
            int at = (pc + 4) & ~3;
            if (op == 0xAA) {
                int low = readInt(code, at + 4);
                int high = readInt(code, at + 8);
                return at - pc + 12 + 4 * (high - low + 1);
            }
            return at - pc + 8 + 8 * readInt(code, at + 4);
        }
        if (op == 0xC4) { // wide
            return (code[pc + 1] & 0xFF) == 0x84 ? 6 : 4;
        }
        if (op == 0x10 || op == 0x12 || (op >= 0x15 && op <= 0x19) || (op >= 0x36 && op <= 0x3A) || op == 0xA9
                || op == 0xBC) {
            return 2;
        }
        if (op == 0x11 || op == 0x13 || op == 0x14 || op == 0x84 || (op >= 0x99 && op <= 0xA8)
                || (op >= 0xB2 && op <= 0xB8) || op == 0xBB || op == 0xBD || op == 0xC0 || op == 0xC1
                || op == 0xC6 || op == 0xC7) {
            return 3;
        }
        if (op == 0xC5) {
            return 4;
        }
        if (op == 0xB9 || op == 0xBA || op == 0xC8 || op == 0xC9) {
            return 5;
        }
        return 1;
    }

    private static int readInt(byte[] code, int at) {
        return ((code[at] & 0xFF) << 24) | ((code[at + 1] & 0xFF) << 16) | ((code[at + 2] & 0xFF) << 8)
                | (code[at + 3] & 0xFF);
    }
}
