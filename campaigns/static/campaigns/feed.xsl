<?xml version="1.0" encoding="utf-8"?>
<!--
  How a browser shows the channels' RSS and Atom feeds (campaigns/feeds/syndication.py names this file in an
  xml-stylesheet processing instruction; feed readers ignore it): a page that says what a feed is and how to
  subscribe, with the channel's title and its items as links. German, or English for a feed in English
  (?locale=en), since a static file has no gettext.

  The page runs under the feed's Content Security Policy, so it has no script, no style element and no
  style attribute, and loads nothing: the browser's own styles keep it readable. XSLT 1.0 without
  disable-output-escaping, which Firefox does not support: the items' HTML summaries are not shown.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom"
    exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="utf-8" doctype-system="about:legacy-compat" indent="yes"/>

  <xsl:variable name="english"
      select="starts-with((/rss/channel/language | /atom:feed/@xml:lang)[1], 'en')"/>
  <xsl:variable name="title" select="(/rss/channel/title | /atom:feed/atom:title)[1]"/>
  <xsl:variable name="description" select="(/rss/channel/description | /atom:feed/atom:subtitle)[1]"/>
  <xsl:variable name="home"
      select="(/rss/channel/link | /atom:feed/atom:link[@rel = 'alternate']/@href)[1]"/>
  <xsl:variable name="address"
      select="(/rss/channel/atom:link[@rel = 'self']/@href | /atom:feed/atom:link[@rel = 'self']/@href)[1]"/>
  <xsl:variable name="items" select="/rss/channel/item | /atom:feed/atom:entry"/>

  <xsl:template match="/">
    <html>
      <xsl:attribute name="lang">
        <xsl:choose>
          <xsl:when test="$english">en</xsl:when>
          <xsl:otherwise>de</xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title>Feed: <xsl:value-of select="$title"/></title>
      </head>
      <body>
        <main>
          <h1><xsl:value-of select="$title"/></h1>
          <xsl:choose>
            <xsl:when test="$english">
              <p>This is a <strong>feed</strong>: an address from which a feed reader (an app or a mail
                program such as Thunderbird) fetches the newest posts of this channel. To follow the
                channel, copy the address of this page into your feed reader. It will then show you every new
                post – without you having to visit the site or give any data about yourself.</p>
              <p>The address to copy: <code><xsl:value-of select="$address"/></code></p>
            </xsl:when>
            <xsl:otherwise>
              <p>Dies ist ein <strong>Feed</strong>: eine Adresse, von der ein Feed-Reader (eine App oder ein
                E-Mail-Programm wie Thunderbird) die neuesten Beiträge dieses Kanals abruft. Um den Kanal zu
                abonnieren, kopieren Sie die Adresse dieser Seite in Ihren Feed-Reader. Er zeigt Ihnen dann
                jeden neuen Beitrag an – ohne dass Sie die Website aufrufen oder Daten von sich angeben
                müssen.</p>
              <p>Die Adresse zum Kopieren: <code><xsl:value-of select="$address"/></code></p>
            </xsl:otherwise>
          </xsl:choose>
          <xsl:if test="$description">
            <p><xsl:value-of select="$description"/></p>
          </xsl:if>
          <h2>
            <xsl:choose>
              <xsl:when test="$english">Newest posts</xsl:when>
              <xsl:otherwise>Neueste Beiträge</xsl:otherwise>
            </xsl:choose>
          </h2>
          <xsl:choose>
            <xsl:when test="$items">
              <ul>
                <xsl:for-each select="$items">
                  <li>
                    <a href="{(link | atom:link[@rel = 'alternate']/@href)[1]}">
                      <xsl:value-of select="title | atom:title"/>
                    </a>
                  </li>
                </xsl:for-each>
              </ul>
            </xsl:when>
            <xsl:when test="$english">
              <p>This channel has no posts yet.</p>
            </xsl:when>
            <xsl:otherwise>
              <p>Dieser Kanal hat noch keine Beiträge.</p>
            </xsl:otherwise>
          </xsl:choose>
          <p>
            <a href="{$home}">
              <xsl:choose>
                <xsl:when test="$english">To the website</xsl:when>
                <xsl:otherwise>Zur Website</xsl:otherwise>
              </xsl:choose>
            </a>
          </p>
        </main>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
