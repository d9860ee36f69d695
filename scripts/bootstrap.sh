#!/usr/bin/env bash
# Prepares this machine to run Holdfast: checks Node and Java, makes the pinned pnpm available
# (without corepack) and installs the workspace's dependencies when they are missing or stale.
#
# Meant to be sourced (`source scripts/bootstrap.sh`) by scripts/start.sh and by test scripts;
# running it directly (`bash scripts/bootstrap.sh`) checks and installs, then exits.
# After it, in the sourcing shell:
#   HOLDFAST_ROOT   absolute path of the repository
#   pnpm            the pinned pnpm (on PATH from .holdfast/tools, or a shell function over npx)
#   AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true
# Set HOLDFAST_SKIP_JAVA_CHECK=1 to skip the Java check (for work that never starts DynamoDB Local).
set -euo pipefail

HOLDFAST_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export HOLDFAST_ROOT
export AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED=true

_hf_say() { printf 'holdfast: %s\n' "$*" >&2; }
_hf_fail() {
  printf 'holdfast: ERROR: %s\n' "$*" >&2
  exit 1
}

# --- Node ----------------------------------------------------------------------------------------
_HF_NODE_MIN_MAJOR=20
_HF_NODE_MIN_MINOR=19
if ! command -v node >/dev/null 2>&1; then
  _hf_fail "Node.js ${_HF_NODE_MIN_MAJOR}.${_HF_NODE_MIN_MINOR} or newer is required and \`node\` is not on PATH. Install Node 20 LTS (https://nodejs.org) and try again."
fi
_hf_node_version="$(node -p 'process.versions.node')"
IFS=. read -r _hf_major _hf_minor _hf_patch <<<"${_hf_node_version}"
if ((_hf_major < _HF_NODE_MIN_MAJOR || (_hf_major == _HF_NODE_MIN_MAJOR && _hf_minor < _HF_NODE_MIN_MINOR))); then
  _hf_fail "Node.js ${_HF_NODE_MIN_MAJOR}.${_HF_NODE_MIN_MINOR} or newer is required; this is ${_hf_node_version} ($(command -v node)). Install a newer Node 20 LTS and try again."
fi
_hf_say "node ${_hf_node_version} ok"

# --- pnpm (pinned by package.json "packageManager"; corepack is not used) -------------------------
_hf_pnpm_version="$(node -p "(require('${HOLDFAST_ROOT}/package.json').packageManager || '').replace(/^pnpm@/, '').split('+')[0]")"
if [[ ! "${_hf_pnpm_version}" =~ ^[0-9]+\.[0-9]+\.[0-9]+ ]]; then
  _hf_fail "package.json has no \"packageManager\": \"pnpm@<version>\" to pin pnpm to."
fi
_hf_tools="${HOLDFAST_ROOT}/.holdfast/tools"
_hf_pnpm_bin="${_hf_tools}/node_modules/.bin/pnpm"
_hf_installed_version() {
  node -p "require('${_hf_tools}/node_modules/pnpm/package.json').version" 2>/dev/null || true
}
if [[ "$(_hf_installed_version)" != "${_hf_pnpm_version}" ]]; then
  _hf_say "installing pnpm ${_hf_pnpm_version} into .holdfast/tools"
  mkdir -p "${_hf_tools}"
  if ! _hf_npm_out="$(npm install --prefix "${_hf_tools}" --no-save --no-package-lock --loglevel=error \
    --no-audit --no-fund "pnpm@${_hf_pnpm_version}" 2>&1)"; then
    printf '%s\n' "${_hf_npm_out}" | tail -n 5 >&2
  fi
fi
if [[ "$(_hf_installed_version)" == "${_hf_pnpm_version}" && -x "${_hf_pnpm_bin}" ]]; then
  case ":${PATH}:" in
    *":${_hf_tools}/node_modules/.bin:"*) ;;
    *) PATH="${_hf_tools}/node_modules/.bin:${PATH}" ;;
  esac
  export PATH
  unset -f pnpm 2>/dev/null || true
else
  _hf_say "could not install pnpm locally; falling back to npx pnpm@${_hf_pnpm_version}"
  # shellcheck disable=SC2317 # called by the sourcing shell
  pnpm() { npx --yes --loglevel=error "pnpm@${_hf_pnpm_version}" "$@"; }
  export -f pnpm 2>/dev/null || true
fi
export HOLDFAST_PNPM_VERSION="${_hf_pnpm_version}"
_hf_say "pnpm $(cd "${HOLDFAST_ROOT}" && pnpm --version) ready"

# --- Dependencies --------------------------------------------------------------------------------
_hf_modules_state="${HOLDFAST_ROOT}/node_modules/.modules.yaml"
if [[ ! -d "${HOLDFAST_ROOT}/node_modules" || ! -f "${_hf_modules_state}" ]]; then
  _hf_say "installing dependencies (pnpm install --frozen-lockfile)"
  (cd "${HOLDFAST_ROOT}" && pnpm install --frozen-lockfile --config.confirmModulesPurge=false) >&2
elif [[ "${HOLDFAST_ROOT}/pnpm-lock.yaml" -nt "${_hf_modules_state}" ]]; then
  _hf_say "pnpm-lock.yaml changed: updating dependencies (pnpm install --frozen-lockfile)"
  (cd "${HOLDFAST_ROOT}" && pnpm install --frozen-lockfile --config.confirmModulesPurge=false) >&2
else
  _hf_say "dependencies up to date"
fi

# --- Java (DynamoDB Local runs on it) ------------------------------------------------------------
if [[ "${HOLDFAST_SKIP_JAVA_CHECK:-}" != "1" ]]; then
  if ! _hf_java_out="$(java -version 2>&1)"; then
    _hf_fail "DynamoDB Local needs Java 17 or newer, and \`java -version\` does not work here.
  Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless
  Fedora/RHEL:   sudo dnf install -y java-17-openjdk-headless
  macOS:         brew install openjdk@17
then run this command again."
  fi
  _hf_java_line="$(printf '%s\n' "${_hf_java_out}" | head -n 1)"
  _hf_java_major="$(printf '%s\n' "${_hf_java_line}" | sed -nE 's/.*version "(1\.)?([0-9]+).*/\2/p')"
  if [[ -n "${_hf_java_major}" && "${_hf_java_major}" -lt 17 ]]; then
    _hf_say "warning: ${_hf_java_line} found; Java 17 or newer is recommended (Debian/Ubuntu: apt-get install -y openjdk-17-jre-headless)"
  else
    _hf_say "java ${_hf_java_major:-?} ok"
  fi
fi

unset _hf_node_version _hf_major _hf_minor _hf_patch _hf_npm_out _hf_modules_state _hf_java_out _hf_java_line _hf_java_major
