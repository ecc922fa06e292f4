"""BusyBox's words: the usage texts its applets print (``bb_show_usage``) after the image's
banner. Which applets a BusyBox image has is each tool family's need
(:attr:`netsim.probes.registry.Need.busybox`)."""

from __future__ import annotations

from collections.abc import Mapping

from netsim.probes.context import ProbeResult, Where

__all__ = ["BUSYBOX_USAGE", "busybox_usage"]


#: BusyBox's usage texts (after the banner line) of the applets netsim simulates, as BusyBox
#: 1.38 prints them (FEATURE_VERBOSE_USAGE; measured on the conformance lab,
#: tests/test_probes_dns_ping.py); ``nc`` is the small nc.c (no NC_110_COMPAT)
BUSYBOX_USAGE: Mapping[str, str] = {
    "ping": "Usage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n"
            "\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n"
            "\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n\t-i SECS\t\tInterval\n"
            "\t-A\t\tPing as soon as reply is received\n\t-t TTL\t\tSet TTL\n"
            "\t-I IFACE/IP\tSource interface or IP address\n"
            "\t-W SEC\t\tSeconds to wait for the first response (default 10)\n"
            "\t\t\t(after all -c CNT packets are sent)\n"
            "\t-w SEC\t\tSeconds until ping exits (default:infinite)\n"
            "\t\t\t(can exit earlier with -c CNT)\n"
            "\t-q\t\tQuiet, only display output at start/finish\n\t-p HEXBYTE\tPayload pattern\n",
    "nc": "Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n"
          "Open a pipe to IP:PORT or FILE\n\n\t-l\tListen mode, for inbound connects\n"
          "\t\t(use -ll with -e for persistent server)\n\t-p PORT\tLocal port\n"
          "\t-w SEC\tConnect timeout\n\t-i SEC\tDelay interval for lines sent\n"
          "\t-f FILE\tUse file (ala /dev/ttyS0) instead of network\n"
          "\t-e PROG\tRun PROG after connect\n",
    "wget": "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n"
            "\t[--post-data STR | --post-file FILE] [-Y on/off]\n"
            "\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\n"
            "Retrieve files via HTTP or FTP\n\n"
            "\t--spider\tOnly check URL existence: $? is 0 if exists\n"
            "\t--header STR\tAdd STR (of form 'header: value') to headers\n"
            "\t--post-data STR\tSend STR using POST method\n"
            "\t--post-file FILE\tSend FILE using POST method\n"
            "\t--no-check-certificate\tDon't validate the server's certificate\n"
            "\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n"
            "\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n"
            "\t-T SEC\t\tNetwork read timeout is SEC seconds\n"
            "\t-O FILE\t\tSave to FILE ('-' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n"
            "\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n",
    "nslookup": "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n"
                "Query DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n",
    "hostname": "Usage: hostname [-sidf] [HOSTNAME | -F FILE]\n\n"
                "Show or set hostname or DNS domain name\n\n\t-s\tShort\n"
                "\t-i\tAddresses for the hostname\n\t-d\tDNS domain name\n"
                "\t-f\tFully qualified domain name\n\t-F FILE\tUse FILE's content as hostname\n",
}


def busybox_usage(w: Where, applet: str, error: str | None = None) -> ProbeResult:
    """BusyBox's ``bb_show_usage``: musl getopt's ``APPLET: ERROR`` line if any, the image's
    banner (:attr:`Toolbox.busybox_banner`), a blank line and the applet's usage; stderr,
    exit 1."""
    head = f"{applet}: {error}\n" if error else ""
    return ProbeResult("", f"{head}{w.tools.busybox_banner}\n\n{BUSYBOX_USAGE[applet]}", 1)
