package io.tierline.devtokens;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Signs RS256 JWTs the way an OIDC provider would, for the local run and the tests: issuer {@value #ISSUER},
 * audience {@value #AUDIENCE}, the caller in {@code sub}/{@code upn}, its roles in {@code groups}. The key pair is
 * generated where it is used (tests: in memory; local run: {@code .tierline/keys}); none is ever committed.
 */
public final class DevTokens {

    public static final String ISSUER = "tierline";
    /** The audience the services expect by default ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "tierline";
    /** The role of a customer's own people (services: {@code io.tierline.platform.security.Roles.CUSTOMER}). */
    public static final String CUSTOMER_ROLE = "customer";
    /** The claim naming a customer token's customer (services: {@code Roles.CUSTOMER_CLAIM}). */
    public static final String CUSTOMER_CLAIM = "customer_id";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private DevTokens(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = thumbprint((RSAPublicKey) publicKey);
    }

    /** A fresh key pair in memory. */
    public static DevTokens generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new DevTokens(pair.getPrivate(), pair.getPublic());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** The key pair in {@code dir} ({@code private.pem}, {@code public.pem}), created there if missing. */
    public static DevTokens inDirectory(Path dir) throws IOException {
        Path privatePem = dir.resolve("private.pem");
        Path publicPem = dir.resolve("public.pem");
        if (Files.exists(privatePem) && Files.exists(publicPem)) {
            return new DevTokens(readPrivate(Files.readString(privatePem)), readPublic(Files.readString(publicPem)));
        }
        DevTokens tokens = generate();
        Files.createDirectories(dir);
        Files.writeString(privatePem, pem("PRIVATE KEY", tokens.privateKey.getEncoded()));
        try {
            Files.setPosixFilePermissions(privatePem, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the folder is the user's own anyway
        }
        Files.writeString(publicPem, tokens.publicKeyPem());
        return tokens;
    }

    /** The public key as PEM, for {@code mp.jwt.verify.publickey}. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /** The key's id, in every token's {@code kid} header: its RFC 7638 thumbprint, as OIDC providers name keys. */
    public String keyId() {
        return keyId;
    }

    private static String thumbprint(RSAPublicKey rsa) {
        String canonical = "{\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\",\"kty\":\"RSA\",\"n\":\""
                + unsigned(rsa.getModulus()) + "\"}";
        try {
            return base64Url(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** The public key as a JSON Web Key Set, as an OIDC provider publishes its keys at its {@code jwks_uri}. */
    public String jwks() {
        RSAPublicKey rsa = (RSAPublicKey) publicKey;
        return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId()
                + "\",\"n\":\"" + unsigned(rsa.getModulus()) + "\",\"e\":\"" + unsigned(rsa.getPublicExponent())
                + "\"}]}";
    }

    /** A JWK number: big-endian, without the sign byte, base64url. */
    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return base64Url(bytes);
    }

    /** A token for {@code subject} with {@code roles}, valid for {@code lifetime}. */
    public String issue(String subject, List<String> roles, Duration lifetime) {
        return issue(subject, roles, lifetime, AUDIENCE);
    }

    /** A token for {@code subject} with {@code roles}, valid for {@code lifetime}, meant for {@code audience}. */
    public String issue(String subject, List<String> roles, Duration lifetime, String audience) {
        return issue(subject, roles, lifetime, audience, Map.of());
    }

    /**
     * A token for a customer's own person (a portal user): role {@value #CUSTOMER_ROLE} and the customer's id in
     * the {@value #CUSTOMER_CLAIM} claim, which limits it to that customer's tickets.
     */
    public String issueForCustomer(String subject, UUID customerId, Duration lifetime) {
        return issue(subject, List.of(CUSTOMER_ROLE), lifetime, AUDIENCE, Map.of(CUSTOMER_CLAIM, customerId.toString()));
    }

    /** As {@link #issue(String, List, Duration, String)}, with extra string claims. */
    public String issue(String subject, List<String> roles, Duration lifetime, String audience,
                        Map<String, String> extraClaims) {
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + keyId() + "\"}";
        String groups = roles.stream().map(r -> "\"" + json(r) + "\"").collect(Collectors.joining(","));
        String claims = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + json(audience) + "\",\"sub\":\""
                + json(subject) + "\",\"upn\":\"" + json(subject) + "\",\"groups\":[" + groups
                + "],\"iat\":" + now.getEpochSecond() + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":\"" + UUID.randomUUID() + "\""
                + extraClaims.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(claim -> ",\"" + json(claim.getKey()) + "\":\"" + json(claim.getValue()) + "\"")
                .collect(Collectors.joining()) + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(privateKey);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    /** A token for a person or system holding one role, valid for an hour. */
    public String issue(String role) {
        if (CUSTOMER_ROLE.equals(role)) { // a customer token always names its customer; this one an unknown one
            return issueForCustomer(role + "@tierline.local", UUID.randomUUID(), Duration.ofHours(1));
        }
        return issue(role + "@tierline.local", List.of(role), Duration.ofHours(1));
    }

    private static String json(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").trim());
    }

    private static PrivateKey readPrivate(String pem) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IOException("Not an RSA private key (PKCS#8 PEM)", e);
        }
    }

    private static PublicKey readPublic(String pem) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IOException("Not an RSA public key (X.509 PEM)", e);
        }
    }

    /**
     * {@code java -cp ... io.tierline.devtokens.DevTokens KEY_DIR [role] [subject] [customer id]}: prints a token
     * signed with the key pair in KEY_DIR (created if missing); role {@code customer} needs the customer's id;
     * {@code KEY_DIR --public-key} prints the public key PEM.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: DevTokens KEY_DIR [role|--public-key] [subject]");
            System.exit(2);
        }
        DevTokens tokens = inDirectory(Path.of(args[0]));
        String role = args.length > 1 ? args[1] : "admin";
        if ("--public-key".equals(role)) {
            System.out.print(tokens.publicKeyPem());
            return;
        }
        String subject = args.length > 2 ? args[2] : role + "@tierline.local";
        if (CUSTOMER_ROLE.equals(role)) {
            if (args.length < 4) {
                System.err.println("a customer token names its customer: DevTokens KEY_DIR customer SUBJECT CUSTOMER_ID");
                System.exit(2);
            }
            System.out.println(tokens.issueForCustomer(subject, UUID.fromString(args[3]), Duration.ofHours(12)));
            return;
        }
        System.out.println(tokens.issue(subject, List.of(role), Duration.ofHours(12)));
    }
}
