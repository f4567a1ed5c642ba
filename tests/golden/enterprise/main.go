// Command my-go-app is a small HTTP service, ready to run in a container.
//
// It listens on $PORT (default 8080), answers "/" with a greeting and "/healthz"
// with "ok", and shuts down gracefully on SIGTERM or SIGINT.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

const (
	appName     = "my-go-app"
	defaultPort = "8080"
	// Long enough for in-flight requests, shorter than Kubernetes' 30 s grace period.
	shutdownTimeout = 10 * time.Second
)

// Stamped at build time: -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = "unknown"
)

func main() {
	healthcheck := flag.Bool("healthcheck", false, "probe the server on $PORT and exit 0 if healthy, 1 if not")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()

	port := listenPort()
	switch {
	case *showVersion:
		fmt.Printf("%s %s (commit %s)\n", appName, version, commit)
	case *healthcheck:
		if err := probe(port); err != nil {
			fmt.Fprintln(os.Stderr, "unhealthy:", err)
			os.Exit(1)
		}
	default:
		logger := slog.New(slog.NewJSONHandler(os.Stdout, nil))
		if err := serve(port, logger); err != nil {
			logger.Error("server failed", "error", err)
			os.Exit(1)
		}
	}
}

// listenPort is $PORT when set, so platforms that assign a port can do so.
func listenPort() string {
	if port := os.Getenv("PORT"); port != "" {
		return port
	}
	return defaultPort
}

func newHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		io.WriteString(w, "ok\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		hostname, err := os.Hostname()
		if err != nil {
			hostname = "unknown"
		}
		fmt.Fprintf(w, "Hello from Go! Host: %s\n", hostname)
	})
	return mux
}

// serve runs the server until SIGTERM/SIGINT, then lets in-flight requests finish.
func serve(port string, logger *slog.Logger) error {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()

	server := &http.Server{
		Addr:    net.JoinHostPort("", port),
		Handler: newHandler(),
		// Bounds how long a client may take to send headers (Slowloris).
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       60 * time.Second,
	}
	listener, err := net.Listen("tcp", server.Addr)
	if err != nil {
		return err
	}
	logger.Info("server starting", "app", appName, "addr", listener.Addr().String(),
		"version", version, "commit", commit)

	served := make(chan error, 1)
	go func() { served <- server.Serve(listener) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := server.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}

// probe asks the local server's /healthz; it is what the image's HEALTHCHECK runs.
func probe(port string) error {
	client := &http.Client{Timeout: 2 * time.Second}
	resp, err := client.Get("http://" + net.JoinHostPort("127.0.0.1", port) + "/healthz")
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %s", resp.Status)
	}
	return nil
}
