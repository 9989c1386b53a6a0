package io.obsagent.instrumentation;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Reads a class file just far enough to tell whether it declares a concrete method of some name: the constant
 * pool's layout, the access flags, then the method table. A class file this cannot read (a constant it does not
 * know, a truncated file) counts as declaring one, so that Byte Buddy, which reads it fully, decides.
 */
final class DeclaredMethods {

    private static final int ACC_INTERFACE = 0x0200;
    private static final int ACC_ABSTRACT = 0x0400;

    private DeclaredMethods() {
    }

    /** Whether the class (not an interface) declares a non-abstract method named one of {@code names}. */
    static boolean concreteOneOf(byte[] classfile, Set<String> names) {
        try {
            return declares(classfile, names);
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return true;
        }
    }

    private static boolean declares(byte[] b, Set<String> names) {
        int count = u2(b, 8);
        int[] utf8At = new int[count];
        int at = 10;
        for (int i = 1; i < count; i++) {
            int tag = b[at] & 0xff;
            if (tag == 1) {
                utf8At[i] = at;
                at += 3 + u2(b, at + 1);
            } else if (tag == 5 || tag == 6) {
                at += 9;
                i++;
            } else {
                int size = constantSize(tag);
                if (size < 0) {
                    return true;
                }
                at += size;
            }
        }
        if ((u2(b, at) & ACC_INTERFACE) != 0) {
            return false;
        }
        at += 6;
        at += 2 + 2 * u2(b, at);
        at = skipMembers(b, at);
        int methods = u2(b, at);
        at += 2;
        for (int m = 0; m < methods; m++) {
            if ((u2(b, at) & ACC_ABSTRACT) == 0) {
                int name = utf8At[u2(b, at + 2)];
                // Latin-1 decoding: a name with bytes of multi-byte UTF-8 cannot equal an ASCII method name.
                if (b[name] == 1 && names.contains(new String(b, name + 3, u2(b, name + 1), StandardCharsets.ISO_8859_1))) {
                    return true;
                }
            }
            at = skipAttributes(b, at + 6);
        }
        return false;
    }

    /** Bytes of a constant with this tag, tag included; -1 for a tag this does not know. */
    private static int constantSize(int tag) {
        switch (tag) {
            case 7: case 8: case 16: case 19: case 20:
                return 3;
            case 15:
                return 4;
            case 3: case 4: case 9: case 10: case 11: case 12: case 17: case 18:
                return 5;
            default:
                return -1;
        }
    }

    private static int skipMembers(byte[] b, int at) {
        int members = u2(b, at);
        at += 2;
        for (int i = 0; i < members; i++) {
            at = skipAttributes(b, at + 6);
        }
        return at;
    }

    private static int skipAttributes(byte[] b, int at) {
        int attributes = u2(b, at);
        at += 2;
        for (int i = 0; i < attributes; i++) {
            int length = u4(b, at + 2);
            if (length < 0) {
                // Beyond any class file: reading on would walk backwards through it.
                throw new ArrayIndexOutOfBoundsException(length);
            }
            at += 6 + length;
        }
        return at;
    }

    private static int u2(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | b[at + 1] & 0xff;
    }

    private static int u4(byte[] b, int at) {
        return u2(b, at) << 16 | u2(b, at + 2);
    }
}
