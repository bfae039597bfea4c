package io.tierline.testsupport.fuzz;

import java.util.List;

/** Values an attacker or a broken client sends: odd text, injection shapes, ids and timestamps that are not. */
final class Adversarial {

    /** Text that must travel safely through parsing, validation, storage and logs. */
    static final List<String> STRINGS = List.of(
            // control characters and whitespace
            "\u0007\u0008\u000b\u000c", "\u001b[31mred\u001b[0m", "line\r\nInjected: header", "\t\n\r ",
            "\u0085\u00a0\u1680\u2000\u2028\u2029\u3000",
            // odd Unicode: bidi override, zero-width, combining, emoji sequences, other scripts, non-characters
            "\u202eevil.exe\u202c", "admin\u200b", "\u200d\u200c\ufeff", "e\u0301\u0301\u0301\u0301",
            "Z\u0335\u0321\u0322a\u0337l\u0338g\u0336o\u0335", "\ud83d\ude00\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\ud835\udd7f\ud835\udd8e\ud835\udd8a\ud835\udd97", "\uff33\uff25\uff36\uff11", "\u0130\u0131\u00df\u01c5",
            "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd", "\u4e2d\u6587\u5b57\u7b26", "\ufffd\uffff\ufffe",
            "\udbff\udfff",
            // injection shapes
            "' OR '1'='1", "'; DROP TABLE ticket; --", "\" OR \"\"=\"", "1; SELECT pg_sleep(5)--",
            "$$; select 1; $$", "\\'; --", "%' AND 1=0 UNION SELECT null--", "{\"$gt\": \"\"}",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)",
            "${jndi:ldap://127.0.0.1:1/a}", "${7*7}", "#{7*7}", "{{7*7}}", "<%= 7*7 %>", "${env:PATH}",
            "%s%s%s%n%x", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "file:///etc/passwd",
            "http://169.254.169.254/latest/meta-data/", "=cmd|' /C calc'!A0", "@SUM(1+1)",
            "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>",
            // look-alikes of other types
            "null", "undefined", "NaN", "-0", "1e309", "true", "[]", "{}", "__proto__", "constructor",
            "\\u0000", "%00", "%25%30%30",
            // long
            "A".repeat(1000), "\ud83d\udca9".repeat(300), "\u0645".repeat(700));

    /** Text PostgreSQL cannot store as sent; the platform refuses it. */
    static final List<String> UNSTORABLE = List.of("\u0000", "a\u0000b", "\u0000' OR 1=1--", "\ud800",
            "x\udfff", "\ud83d", "tail\ud83d", "\udc00\ud800");

    /** Never a canonical UUID, never the 24-character Base64 form Jackson also reads, never empty. */
    static final List<String> MALFORMED_UUIDS = List.of("not-a-uuid", "1-1-1-1-1", "0", "-1",
            "00000000-0000-0000-0000-00000000000", "00000000-0000-0000-0000-0000000000000",
            "0000000g-0000-0000-0000-000000000000", "{00000000-0000-0000-0000-000000000000}",
            "00000000000000000000000000000000", "00000000_0000_0000_0000_000000000000",
            " 00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000 ",
            "00000000-0000-0000-0000-00000000000\u0000", "\uff10\uff10\uff10\uff10\uff10\uff10\uff10\uff10-0000-0000-0000-000000000000",
            "' OR '1'='1", "null", "\ud83d\ude00", "00000000-0000-0000-0000-000000000000".repeat(20));

    /** Never an ISO-8601 instant, never a bare number (Jackson reads those as epoch seconds). */
    static final List<String> MALFORMED_TIMESTAMPS = List.of("yesterday", "2026-13-45T25:61:00Z", "2026-11-23",
            "2026-11-23T16:20:00", "16:20", "2026-02-30T00:00:00Z", "0000-00-00T00:00:00Z", "2026-11-23 16:20:00",
            "2026-11-23T16:20:00Z[Europe/Paris]", "NaN", "' OR '1'='1", "\u0662\u0660\u0662\u0666-11-23T16:20:00Z");

    /** Not integers to {@code Integer.parseInt} (which does take "+5", "05" and other scripts' digits). */
    static final List<String> MALFORMED_INTEGERS = List.of("abc", "1.5", "0x10", "1e3", "-", "NaN", " 7", "7 ",
            "99999999999999999999", "' OR 1=1--", "1,2");

    /** Authorization headers that identify nobody. */
    static final List<String> GARBAGE_CREDENTIALS = List.of("Bearer", "Bearer ", "Bearer x", "Bearer a.b.c",
            "Bearer ....", "Bearer " + "A".repeat(4000), "Basic YWRtaW46YWRtaW4=", "Token admin", "Negotiate YII=",
            "Bearer eyJhbGciOiJSUzI1NiJ9.eyJncm91cHMiOlsiYWRtaW4iXX0.c2lnbmF0dXJl", "Bearer null",
            "Bearer ' OR '1'='1", "Bearer ${jndi:ldap://127.0.0.1:1/a}", "admin");

    /** Field names a mass-assignment or prototype-pollution attempt would use. */
    static final List<String> EXTRA_FIELD_NAMES = List.of("id", "createdAt", "updatedAt", "status", "tier", "team",
            "version", "source", "role", "groups", "admin", "isAdmin", "__proto__", "constructor", "$where",
            "\u202edi", "", " ", "a.b", "x".repeat(300));

    private Adversarial() {
    }
}
