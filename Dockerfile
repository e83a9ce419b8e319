# mocket-cli in a container: `podman build -t mocket-cli .` (or docker build), then
#   podman run --rm -p 8000:8000 mocket-cli                           # serves the bundled example
#   podman run --rm -p 8000:8000 -v ./my.yml:/mocks/mocks.yml:ro mocket-cli
# scripts/test-packages builds and smoke-tests it.

# Build stage: the -dev packages, mocket-cli alone in Release, packaged as the same .deb that
# cpack makes outside (so its Depends, computed by dpkg-shlibdeps, pick the runtime libraries).
FROM debian:bookworm-slim AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        cmake ninja-build g++ dpkg-dev file \
        qt6-base-dev qt6-websockets-dev qt6-httpserver-dev libyaml-cpp-dev \
        qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools \
 && rm -rf /var/lib/apt/lists/*
COPY . /src
WORKDIR /src
# CMAKE_SKIP_INSTALL_ALL_DEPENDENCY: cpack installs without building the workbench too.
RUN cmake -S . -B /build -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
        -DMOCKET_BUILD_BENCH=OFF -DCMAKE_SKIP_INSTALL_ALL_DEPENDENCY=ON \
 && cmake --build /build --target mocket-cli \
 && cd /build && cpack -G DEB -D CPACK_COMPONENTS_ALL=cli

# Runtime stage: mocket-cli and the libraries its .deb depends on, nothing else.
FROM debian:bookworm-slim
COPY --from=build /build/mocket-cli_*.deb /tmp/
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends /tmp/mocket-cli_*.deb \
 && rm -rf /var/lib/apt/lists/* /tmp/mocket-cli_*.deb \
 && useradd --system --uid 10001 --create-home --home-dir /home/mocket --shell /usr/sbin/nologin mocket \
 && mkdir /mocks \
 && cp /usr/share/mocket/examples/mocks.yml /mocks/mocks.yml
# Qt warns and guesses at a C locale; UTF-8 keeps the payloads in the log lines intact.
ENV LANG=C.UTF-8
USER mocket
WORKDIR /mocks
EXPOSE 8000
ENTRYPOINT ["mocket-cli"]
# 0.0.0.0: a published port reaches the container's interface, not its loopback.
CMD ["serve", "--host", "0.0.0.0", "--port", "8000", "/mocks/mocks.yml"]
