package io.tomassure.notification.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.tomassure.notification.domain.Rule;
import io.tomassure.notification.repository.DeliveryRepository;
import io.tomassure.notification.repository.DeliveryRepository.DeliveryView;
import io.tomassure.notification.repository.InboxRepository;
import io.tomassure.notification.repository.InboxRepository.InboxItem;
import io.tomassure.notification.repository.PreferenceRepository;
import io.tomassure.notification.repository.PreferenceRepository.PreferenceView;
import io.tomassure.notification.repository.WebhookRepository;
import io.tomassure.notification.service.Notices;
import io.tomassure.notification.service.Webhooks;
import io.tomassure.support.paging.Page;
import io.tomassure.support.problem.ProblemException;
import io.tomassure.support.security.Caller;
import io.tomassure.support.security.Roles;

@Path("/api/v1")
@Tag(name = "Notifications", description = "In-app inbox, webhook endpoints, preferences, routing rules and deliveries")
@Blocking
public class NotificationResource {

    public record UnreadCount(long unread) {
    }

    /** {@code url}: where to POST the signed CloudEvents: https, on a host with public internet addresses only. */
    public record RegisterWebhook(@NotBlank @Size(max = 2000) String url) {
    }

    /**
     * A registered endpoint; {@code secret} (for verifying signatures) is shown once, at registration or rotation;
     * {@code previousSecretValidUntil}: until when the secret it replaced still signs, beside it.
     */
    public record WebhookView(UUID id, String organisation, String url, String secret, Instant createdAt,
            Instant previousSecretValidUntil) {

        static WebhookView of(WebhookRepository.Webhook webhook, String secret) {
            return new WebhookView(webhook.id(), webhook.organisation(), webhook.url(), secret, webhook.createdAt(),
                    webhook.previousSecretUntil());
        }
    }

    private final Caller caller;
    private final Notices notices;
    private final Webhooks webhooks;
    private final InboxRepository inbox;
    private final PreferenceRepository preferences;
    private final DeliveryRepository deliveries;

    NotificationResource(Caller caller, Notices notices, Webhooks webhooks, InboxRepository inbox,
            PreferenceRepository preferences, DeliveryRepository deliveries) {
        this.caller = caller;
        this.notices = notices;
        this.webhooks = webhooks;
        this.inbox = inbox;
        this.preferences = preferences;
        this.deliveries = deliveries;
    }

    @GET
    @Path("/inbox")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The organisation's inbox", description = "Notices to the caller's organisation, newest first, keyset-paged: pass 'next' as 'after'.")
    public Page<InboxItem> inbox(@QueryParam("after") UUID after, @QueryParam("limit") Integer limit) {
        return Page.fetch(limit, rows -> inbox.page(organisation(), after, rows), i -> i.id().toString(), i -> i);
    }

    @GET
    @Path("/inbox/unread-count")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Unread notices", description = "How many of the organisation's notices are unread.")
    public UnreadCount unread() {
        return new UnreadCount(inbox.countUnread(organisation()));
    }

    @POST
    @Path("/inbox/{id}/read")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "Mark a notice read", description = "Idempotent; another organisation's notice is not found.")
    public Response read(@PathParam("id") UUID id) {
        if (!inbox.markRead(id, organisation())) {
            throw ProblemException.notFound("Notice " + id);
        }
        return Response.noContent().build();
    }

    @POST
    @Path("/webhooks")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO })
    @Operation(summary = "Register a webhook", description = "The organisation's systems receive its notices as CloudEvents, "
            + "signed: X-TOM-Signature = v1=hex(HMAC-SHA256(secret, X-TOM-Timestamp + '.' + body)). Refuse stale timestamps "
            + "to defeat replays. The URL must be https, on a host whose addresses are all public (no loopback, private, "
            + "link-local or other special-purpose address, checked again at every send); redirects are not followed and "
            + "a call has 10 s in all. At most 10 per organisation (409 beyond). Failed calls are retried with back-off, "
            + "then dead-lettered; failures are reported as a category (timeout, refused, tls, http-4xx, ...).")
    public Response register(@Valid @NotNull RegisterWebhook request) {
        Webhooks.Shown registered = webhooks.register(organisation(), caller.username(), request.url());
        return Response.created(URI.create("/api/v1/webhooks/" + registered.webhook().id()))
                .entity(WebhookView.of(registered.webhook(), registered.secret())).build();
    }

    @GET
    @Path("/webhooks")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO })
    @Operation(summary = "List the organisation's webhooks", description = "Active endpoints (secrets are not shown again).")
    public List<WebhookView> webhooks() {
        return webhooks.of(organisation()).stream().map(w -> WebhookView.of(w, null)).toList();
    }

    @POST
    @Path("/webhooks/{id}/secret")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO })
    @Operation(summary = "Rotate a webhook's secret", description = "A new secret, shown once. For 24 hours the secret it "
            + "replaces still signs too: X-TOM-Signature then carries both signatures, newest first (v1=new,v1=old), and a "
            + "receiver accepts a request if any matches, so it can switch to the new secret at its own pace.")
    public WebhookView rotate(@PathParam("id") UUID id) {
        Webhooks.Shown rotated = webhooks.rotate(organisation(), id, caller.username());
        return WebhookView.of(rotated.webhook(), rotated.secret());
    }

    @DELETE
    @Path("/webhooks/{id}")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO })
    @Operation(summary = "Remove a webhook", description = "It receives nothing more; pending deliveries to it fail.")
    public Response remove(@PathParam("id") UUID id) {
        webhooks.remove(organisation(), id);
        return Response.noContent().build();
    }

    @GET
    @Path("/preferences")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO, Roles.ASSURANCE, Roles.CLINICAL_SAFETY })
    @Operation(summary = "The organisation's mutes", description = "Channels muted per event type.")
    public List<PreferenceView> preferences() {
        return preferences.of(organisation());
    }

    @PUT
    @Path("/preferences")
    @RolesAllowed({ Roles.SUPPLIER, Roles.EUO, Roles.ASSURANCE, Roles.CLINICAL_SAFETY })
    @Operation(summary = "Mute or unmute channels", description = "Per event type and channel. Mandatory notices "
            + "(escalations, suspensions) go out whatever is muted.")
    public List<PreferenceView> setPreferences(@NotNull @Size(max = 200) List<@Valid @NotNull PreferenceView> preferences) {
        this.preferences.save(organisation(), preferences);
        return preferences();
    }

    @GET
    @Path("/routing-rules")
    @RolesAllowed(Roles.ANY)
    @Operation(summary = "The routing rules", description = "Which event is whose cue: party, contact roles, mandatory or not.")
    public List<Rule> rules() {
        return notices.rules().rules();
    }

    @GET
    @Path("/deliveries")
    @RolesAllowed({ Roles.ADMIN, Roles.AUDITOR })
    @Operation(summary = "List deliveries", description = "By status (PENDING, SENT, DEAD), newest first, at most 200.")
    public List<DeliveryView> deliveries(@QueryParam("status") String status) {
        return deliveries.list(status);
    }

    @POST
    @Path("/deliveries/{id}/redrive")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Re-drive a dead delivery", description = "Sends a given-up delivery again, from a fresh count of attempts.")
    public Response redrive(@PathParam("id") UUID id) {
        if (!deliveries.redrive(id)) {
            throw ProblemException.notFound("Dead delivery " + id);
        }
        return Response.accepted().build();
    }

    private String organisation() {
        return caller.organisation().orElseThrow(() -> ProblemException.forbidden(
                "Your token carries no organisation (claim 'org')"));
    }
}
