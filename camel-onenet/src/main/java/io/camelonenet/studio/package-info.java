/**
 * The current OneNET platform without Camel: the token ({@link io.camelonenet.studio.OneNetToken}), the {@code $sys}
 * topics, the publish rules, OneJSON posts and thing-model messages, answers matched to requests
 * ({@link io.camelonenet.studio.PlatformReplies}); a gateway's sub-device messages and batches.
 */
package io.camelonenet.studio;
