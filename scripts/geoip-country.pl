#!/usr/bin/perl
# Builds a MaxMind-format country database (GeoLite2-Country's layout: country.iso_code) from Tor's
# geoip ranges (Debian's tor-geoipdb, converted from the IPFire location database), so `make run` and
# `make test` have geography without a download.
# Usage: geoip-country.pl GEOIP4 GEOIP6 OUTPUT.mmdb
# Each input line is "first,last,CC" (IPv4 as integers, IPv6 as addresses); "??" ranges are left out.
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my ($ipv4, $ipv6, $output) = @ARGV;
die "usage: $0 GEOIP4 GEOIP6 OUTPUT.mmdb\n" unless defined $output;

my $tree = MaxMind::DB::Writer::Tree->new(
    ip_version            => 6,
    record_size           => 24,
    database_type         => 'Tor-GeoIP-Country',
    languages             => ['en'],
    description           => { en => 'Country ranges from Debian tor-geoipdb (IPFire location database)' },
    map_key_type_callback => sub { $_[0] eq 'country' ? 'map' : 'utf8_string' },
    # IPv4 lives in ::/96 (and ::ffff:0:0/96 for mapped addresses), as in MaxMind's own databases.
    alias_ipv6_to_ipv4    => 1,
    remove_reserved_networks => 1,
);

my %records;
sub country { my $code = shift; $records{$code} //= { country => { iso_code => $code } } }

sub dotted { my $n = shift; join '.', ($n >> 24) & 255, ($n >> 16) & 255, ($n >> 8) & 255, $n & 255 }

for my $file ([$ipv4, 4], [$ipv6, 6]) {
    my ($path, $version) = @$file;
    open my $in, '<', $path or die "cannot read $path: $!\n";
    while (my $line = <$in>) {
        next if $line =~ /^\s*(#|$)/;
        chomp $line;
        my ($first, $last, $code) = split /,/, $line;
        next if !defined $code || $code !~ /^[A-Z]{2}$/;
        ($first, $last) = (dotted($first), dotted($last)) if $version == 4;
        # 6to4 and Teredo space are aliases of IPv4 here (alias_ipv6_to_ipv4): their IPv4 ranges answer for them.
        next if $version == 6 && $first =~ /^(2002:|2001:0?:)/i;
        $tree->insert_range($first, $last, country($code));
    }
    close $in;
}

my $temporary = "$output.tmp.$$";
open my $out, '>:raw', $temporary or die "cannot write $temporary: $!\n";
$tree->write_tree($out);
close $out or die "cannot write $temporary: $!\n";
rename $temporary, $output or die "cannot rename $temporary to $output: $!\n";
