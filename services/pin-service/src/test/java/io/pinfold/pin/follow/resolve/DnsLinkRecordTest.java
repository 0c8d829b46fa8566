package io.pinfold.pin.follow.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

/** Reading a DNSLink answer (the query itself is tested against a real DNS server in FollowListsTest). */
class DnsLinkRecordTest {
    private static final Name NAME = Name.fromConstantString("_dnslink.example.test.");

    @Test
    void aValueSplitIntoSeveralStringsIsJoinedAndOtherTxtRecordsAreIgnored() {
        Message answer = answer(List.of("v=spf1 -all"), List.of("dnslink=/ipfs/bafkreifjjcie6lypi6ny7amx", "nfftagclbuxndqonfipmb64f2km2devei4"));
        assertThat(DnsjavaDnsLinkLookup.value("example.test", NAME, answer))
                .isEqualTo("/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4");
    }

    @Test
    void ofSeveralDnsLinkValuesTheFirstInLexicographicOrderIsTaken() {
        Message answer = answer(List.of("dnslink=/ipns/k51b"), List.of("dnslink=/ipfs/bafyb"), List.of("dnslink=/ipfs/bafya"));
        assertThat(DnsjavaDnsLinkLookup.value("example.test", NAME, answer)).isEqualTo("/ipfs/bafya");
    }

    @Test
    void noRecordOrAnErrorAnswerIsAFailureThatSaysWhich() {
        assertThatThrownBy(() -> DnsjavaDnsLinkLookup.value("example.test", NAME, answer(List.of("hello"))))
                .isInstanceOf(ResolutionFailedException.class).hasMessage("dnslink example.test: no TXT record 'dnslink=…' at _dnslink.example.test.");
        Message refused = new Message();
        refused.getHeader().setRcode(Rcode.NXDOMAIN);
        assertThatThrownBy(() -> DnsjavaDnsLinkLookup.value("example.test", NAME, refused))
                .hasMessage("dnslink example.test: the DNS answered NXDOMAIN for _dnslink.example.test.");
    }

    @Test
    void serversAreHostOrHostAndPort() {
        assertThat(DnsjavaDnsLinkLookup.address("127.0.0.1:5353").getPort()).isEqualTo(5353);
        assertThat(DnsjavaDnsLinkLookup.address("127.0.0.1").getPort()).isEqualTo(53);
        assertThat(DnsjavaDnsLinkLookup.address("[::1]").getAddress().isLoopbackAddress()).isTrue();
    }

    @SafeVarargs
    private static Message answer(List<String>... records) {
        Message message = new Message();
        message.getHeader().setRcode(Rcode.NOERROR);
        for (List<String> strings : records) {
            message.addRecord(new TXTRecord(NAME, DClass.IN, 0, strings), Section.ANSWER);
        }
        return message;
    }
}
