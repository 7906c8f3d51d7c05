package io.camelonenet.support;

import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedCamelContext;

import java.lang.reflect.Method;

/**
 * The library's secrets (a legacy device's auth info, a device key, a product key) for Camel's masking. Camel masks
 * a key whose last part, without its dashes, is one of its sensitive keywords (camel-main's summaries among them),
 * and its log mask looks for the key as written: both forms are listed.
 */
public final class SecretKeywords {

    /** As {@code camel.main.additional-sensitive-keywords} takes them. */
    public static final String KEYWORDS = "authinfo,auth-info,devicekey,device-key,productkey,product-key";

    private SecretKeywords() {
    }

    /** Whether this Camel lets a library add sensitive keywords (4.15 and later; not 4.14). */
    public static boolean supported() {
        try {
            ExtendedCamelContext.class.getMethod("setAdditionalSensitiveKeywords", String.class);
            return true;
        } catch (NoSuchMethodException camel414) {
            return false;
        }
    }

    /**
     * Adds the keywords to the context's own (a host's {@code onenet:} endpoints and Kamelets, whose options and
     * placeholders camel-main lists once the routes started). Camel 4.14 has no such setting: there it does nothing,
     * and a host turns camel-main's summary off instead ({@code camel.main.auto-configuration-log-summary=false}).
     */
    public static void register(CamelContext context) {
        ExtendedCamelContext extension = context.getCamelContextExtension();
        try {
            Method get = ExtendedCamelContext.class.getMethod("getAdditionalSensitiveKeywords");
            Method set = ExtendedCamelContext.class.getMethod("setAdditionalSensitiveKeywords", String.class);
            String present = (String) get.invoke(extension);
            if (present == null || present.isBlank()) {
                set.invoke(extension, KEYWORDS);
            } else if (!present.contains(KEYWORDS)) {
                set.invoke(extension, present + "," + KEYWORDS);
            }
        } catch (NoSuchMethodException camel414) {
            // Camel 4.14: no additional keywords; the host's own masking is all there is
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot add the secrets' keys to Camel's sensitive keywords", e);
        }
    }
}
