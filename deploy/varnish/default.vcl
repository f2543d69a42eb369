vcl 4.1;

# Production: Varnish in front of gunicorn on the same machine. Change the backend to where
# the site listens; the rest of the configuration is site.vcl.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
}

include "./site.vcl";
