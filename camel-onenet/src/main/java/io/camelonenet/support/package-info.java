/**
 * What every part of the library needs of the machine, done one way: background threads that are daemons and whose
 * Errors reach the uncaught-exception handler ({@link io.camelonenet.support.WorkerThreads}); files and folders only
 * the app's user can read, and one app per data directory ({@link io.camelonenet.support.PrivateFiles},
 * {@link io.camelonenet.support.DirectoryLock}); a component's loop on Camel's threads
 * ({@link io.camelonenet.support.Worker}); the one backoff ({@link io.camelonenet.support.Backoff}); what will never be
 * sent, to the dead letters ({@link io.camelonenet.support.DeadLetterRoute}); the secrets' names for Camel's masking
 * ({@link io.camelonenet.support.SecretKeywords}).
 */
package io.camelonenet.support;
