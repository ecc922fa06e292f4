"""Go's own behaviour that Docker's code relies on, reproduced for exact texts and values.

``values`` (strconv number/bool parsing, time.ParseDuration, go-units sizes, big.Rat),
``quote`` (strconv.Quote), ``text`` (strings.TrimSpace, byte/str round trips), ``netip``
(netip.ParseAddr, net.ParseIP/ParseCIDR), ``csv`` (encoding/csv) and ``template`` (text/template).
"""
