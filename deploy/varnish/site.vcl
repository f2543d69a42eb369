# Alwaght behind Varnish 7 with varnish-modules (xkey). Included by a file that names the
# backend (default.vcl in production, a generated one for `make run-edge` and the tests).
#
# - Reader pages are one copy for everyone: cookies are dropped, query parameters a page
#   does not use are dropped, Host and scheme are normalised.
# - Staff (a session cookie), admin, forms and the view beacon pass straight through.
# - The site names what each page shows in `xkey`; it purges by key with PURGE requests
#   carrying an `xkey` header, from the addresses in the `purgers` ACL only.
# - When the site does not answer, pages are served stale for up to a day (grace).

import std;
import xkey;

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is not allowed from this address"));
        }
        if (!req.http.xkey) {
            return (synth(400, "Name the keys to purge in an xkey header"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey);
        return (synth(200, "Purged " + req.http.x-purged + " objects"));
    }

    # One name per site: lower case, no port.
    set req.http.Host = std.tolower(regsub(req.http.Host, ":[0-9]+$", ""));
    # The scheme readers used, as the TLS terminator in front says; plain HTTP otherwise.
    if (req.http.X-Forwarded-Proto != "https") {
        set req.http.X-Forwarded-Proto = "http";
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|comments|views|healthz)(/|$)" || req.http.Authorization) {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);  # staff: their pages are theirs alone
    }
    unset req.http.Cookie;

    # Keep the query parameters pages use (sorted), drop the rest (utm_*, fbclid…).
    if (req.url ~ "\?") {
        set req.url = regsuball(req.url, "(?<=[?&])(?!(?:page|period|tab|photo|q|comments)=)[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.url);
    hash_data(req.http.Host);
    hash_data(req.http.X-Forwarded-Proto);
    return (lookup);
}

sub vcl_backend_response {
    # Serve the last copy for a day when the site cannot give a new one.
    set beresp.grace = 24h;
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);  # keep serving the stale copy rather than an error
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(xml|rss\+xml|atom\+xml|json|geo\+json|javascript))") {
        set beresp.do_gzip = true;
    }
    return (deliver);
}

sub vcl_deliver {
    set resp.http.X-Cache = "MISS";
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    }
    # Keys are for caches, not for readers.
    unset resp.http.xkey;
    unset resp.http.Surrogate-Key;
    unset resp.http.X-Page-Cache;
}

sub vcl_synth {
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
